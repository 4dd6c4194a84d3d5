import type { Outcome } from "@countersign/shared/enums";
import { Button } from "../../../components/ui/button";
import { Kbd } from "../../../components/ui/kbd";
import { keys } from "../../../lib/shortcuts";

type Props = {
  onDecide: (outcome: Outcome) => void;
  onRelease: () => void;
  pending: boolean;
  /** After this decision, go back to the queue instead of claiming the next item. */
  finishAfter: boolean;
  onFinishAfterChange: (finish: boolean) => void;
};

/**
 * The decision. Buttons are never disabled: a refused press says why. Accessible names are
 * exactly the verbs; the shortcut hints are aria-hidden and carried by aria-keyshortcuts.
 */
export function DecisionButtons({ onDecide, onRelease, pending, finishAfter, onFinishAfterChange }: Props) {
  const busy = pending || undefined;
  return (
    <div className="decision-bar">
      <div className="decision-buttons" role="group" aria-label="Decision">
        <Button variant="primary" aria-disabled={busy} shortcut={keys.approve} title={`Shortcut: ${keys.approve.aria}`} onClick={() => onDecide("approved")}>
          Approve
        </Button>
        <Button aria-disabled={busy} shortcut={keys.modify} title={`Shortcut: ${keys.modify.aria}`} onClick={() => onDecide("modified")}>
          Modify
        </Button>
        <Button variant="danger" aria-disabled={busy} shortcut={keys.reject} title={`Shortcut: ${keys.reject.aria}`} onClick={() => onDecide("rejected")}>
          Reject
        </Button>
        <Button aria-disabled={busy} shortcut={keys.escalate} title={`Shortcut: ${keys.escalate.aria}`} onClick={() => onDecide("escalated")}>
          Escalate
        </Button>
      </div>
      <div className="decision-after">
        <label className="finish-after">
          <input type="checkbox" checked={finishAfter} onChange={(e) => onFinishAfterChange(e.target.checked)} aria-keyshortcuts={keys.finishAfter.aria} />
          <span>Finish after this one</span>
          <Kbd keys={keys.finishAfter.keys} hidden />
        </label>
        <Button variant="ghost" size="sm" aria-disabled={busy} shortcut={keys.release} title={`Shortcut: ${keys.release.aria}`} onClick={onRelease} className="release">
          Release
        </Button>
      </div>
    </div>
  );
}

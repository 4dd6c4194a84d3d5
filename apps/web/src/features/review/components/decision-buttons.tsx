import type { Outcome } from "@countersign/shared/enums";
import { Button } from "../../../components/ui/button";
import { keys } from "../../../lib/shortcuts";

type Props = {
  onDecide: (outcome: Outcome) => void;
  onRelease: () => void;
  pending: boolean;
};

/**
 * The decision. Buttons are never disabled: a refused press says why. Accessible names are
 * exactly the verbs; the shortcut hints are aria-hidden and carried by aria-keyshortcuts.
 */
export function DecisionButtons({ onDecide, onRelease, pending }: Props) {
  const busy = pending || undefined;
  return (
    <div className="decision-buttons" role="group" aria-label="Decision">
      <Button variant="primary" aria-disabled={busy} shortcut={keys.approve} onClick={() => onDecide("approved")}>
        Approve
      </Button>
      <Button aria-disabled={busy} shortcut={keys.modify} onClick={() => onDecide("modified")}>
        Modify
      </Button>
      <Button variant="danger" aria-disabled={busy} shortcut={keys.reject} onClick={() => onDecide("rejected")}>
        Reject
      </Button>
      <Button aria-disabled={busy} shortcut={keys.escalate} onClick={() => onDecide("escalated")}>
        Escalate
      </Button>
      <Button variant="ghost" aria-disabled={busy} shortcut={keys.release} onClick={onRelease} className="release">
        Release
      </Button>
    </div>
  );
}

import { toMillis } from "@countersign/shared/format";
import { Badge } from "./badge";
import { RelativeTime } from "./relative-time";

/** A due date: "in 3 h", or an "Overdue" badge with how long ago (words, not colour alone). */
export function DueTime({ at, now, label = false }: { at: string | number | null | undefined; now: number; label?: boolean }) {
  if (at === null || at === undefined) {
    return (
      <span className="muted" title="no due date">
        —
      </span>
    );
  }
  if (toMillis(at) < now) {
    return (
      <span className="due is-overdue">
        <Badge tone="danger">Overdue</Badge>
        <span>
          by <RelativeTime at={at} now={now} format="age" />
        </span>
      </span>
    );
  }
  return (
    <span className="due">
      {label ? "due " : null}
      <RelativeTime at={at} now={now} />
    </span>
  );
}

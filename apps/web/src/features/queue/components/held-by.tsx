import { Badge } from "../../../components/ui/badge";
import { RelativeTime } from "../../../components/ui/relative-time";
import type { QueueRow } from "./queue-table";

/**
 * Who holds an item in review and until when its lease runs, if they stop working on it: a
 * reviewer who left holds it no longer than that. Only the holder's display name, as on any
 * shared queue; how long they have spent on it is not shown (that is for leads' indicators).
 */
export function HeldBy({ row, now }: { row: QueueRow; now: number }) {
  return (
    <span className="held-by">
      <Badge tone="accent">in review by {row.heldByMe ? "you" : (row.leaseHolderName ?? "someone")}</Badge>
      {row.leaseExpiresAt ? (
        <span className="cell-sub">
          lease ends <RelativeTime at={row.leaseExpiresAt} now={now} />
        </span>
      ) : null}
    </span>
  );
}

import { formatDateTime } from "@countersign/shared/format";
import { Badge } from "../../../components/ui/badge";

type Clock = { reportDueAt: string | null; authorityNotifiedAt: string | null; overdue: boolean };

/**
 * The reporting clock of an incident in words: when the report to the market surveillance
 * authority is due, "Overdue" once that passed without one, or when it was made; a kind without a
 * statutory clock says so rather than showing a dash.
 */
export function ReportClock({ clock }: { clock: Clock }) {
  if (clock.authorityNotifiedAt) {
    return (
      <span>
        <Badge tone="success">Reported</Badge> to the authority {formatDateTime(clock.authorityNotifiedAt)}
      </span>
    );
  }
  if (clock.reportDueAt === null) return <span className="muted">No statutory deadline</span>;
  if (clock.overdue) {
    return (
      <span>
        <Badge tone="danger">Overdue</Badge> report was due {formatDateTime(clock.reportDueAt)}
      </span>
    );
  }
  return <span>Report due {formatDateTime(clock.reportDueAt)}</span>;
}

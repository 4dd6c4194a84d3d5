import type { Flag } from "@countersign/shared/indicators";
import { Sheet } from "../../../components/ui/sheet";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useDecisionsBehindFlag } from "../api/indicators";
import type { DashboardWindow, Drill } from "../hooks/use-dashboard-params";
import { formatCountOf, formatPeriod } from "@countersign/shared/format";
import { FlagDecisionsTable } from "./flag-decisions-table";

type Props = {
  timeWindow: DashboardWindow;
  drill: Drill | null;
  /** The reviewer and flag as the dashboard shows them; null when the link names a flag no longer raised. */
  reviewerName: string | null;
  flag: Flag | null;
  onClose: () => void;
};

/** The exact decisions behind one flag: a panel from the right, for a conversation with the reviewer. */
export function BehindFlagSheet({ timeWindow, drill, reviewerName, flag, onClose }: Props) {
  const decisions = useDecisionsBehindFlag(timeWindow, drill);
  const now = useNow(30_000);
  const shown = decisions.data ?? [];
  return (
    <Sheet
      open={drill !== null}
      onOpenChange={(open) => !open && onClose()}
      title={flag ? flag.question : "Decisions behind a flag"}
      description={
        <>
          <p>
            <strong>{reviewerName ?? "This reviewer"}</strong> · {formatPeriod(timeWindow.from, timeWindow.to)}
            {timeWindow.system ? ` · ${timeWindow.system}` : " · all systems"}
          </p>
          <p>
            {flag ? `Indicator: ${flag.threshold}. ` : "This flag is not raised with the current range and thresholds; the decisions that match it are listed anyway. "}
            These decisions are the start of a conversation with the reviewer, not a verdict.
          </p>
        </>
      }
    >
      {decisions.isPending ? (
        <Skeleton lines={6} label="Loading the decisions behind the flag…" />
      ) : decisions.isError ? (
        <StateMessage tone="error" title="The decisions could not be loaded">
          {errorMessage(decisions.error)}
        </StateMessage>
      ) : shown.length === 0 ? (
        <StateMessage title="No decisions match this flag in the time range">The range or thresholds may have changed since the flag was raised.</StateMessage>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {formatCountOf(shown.length, "decision", "decisions")}, newest first{shown.length >= 200 ? " (the newest 200)" : ""}. Open an escalation for its
            timeline.
          </p>
          <FlagDecisionsTable decisions={shown} now={now} />
        </>
      )}
    </Sheet>
  );
}

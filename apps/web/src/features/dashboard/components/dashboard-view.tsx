import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useDashboard, type Dashboard } from "../api/indicators";
import { useDashboardParams } from "../hooks/use-dashboard-params";
import { formatCountOf } from "@countersign/shared/format";
import { BehindFlagSheet } from "./behind-flag-sheet";
import { DashboardToolbar } from "./dashboard-toolbar";
import { EffectiveRatePanel } from "./effective-rate-panel";
import { Panel } from "./panel";
import { QueueHealthPanel } from "./queue-health-panel";
import { ReviewersTable } from "./reviewers-table";
import { TeamTrendPanel } from "./team-trend-panel";

function headline(data: Dashboard): string {
  if (data.team.decisions === 0) return "No decisions in this time range.";
  const flagged = data.reviewers.filter((r) => r.flags.length > 0).length;
  const decisions = `${formatCountOf(data.team.decisions, "decision", "decisions")} by ${formatCountOf(data.reviewers.length, "reviewer", "reviewers")}`;
  const questions = flagged === 0 ? "no questions raised" : `questions about ${formatCountOf(flagged, "reviewer", "reviewers")}`;
  return `${decisions}; ${questions}. Flags are indicators for a conversation, not verdicts.`;
}

/**
 * The lead's dashboard: a time range at the top, queue health, effective verification rate, the
 * team's trend, and reviewers beside the team with flags worded as questions that open their decisions.
 */
export function DashboardView() {
  const view = useDashboardParams();
  const dashboard = useDashboard(view.timeWindow);
  const now = useNow(30_000);
  const data = dashboard.data;
  const drilled = view.drill && data ? data.reviewers.find((r) => r.id === view.drill?.reviewerId) : undefined;

  return (
    <section className="dashboard" aria-labelledby="dashboard-title" aria-busy={dashboard.isFetching}>
      <div className="page-head">
        <div>
          <h1 id="dashboard-title" className="page-title">
            Dashboard
          </h1>
          <p className="page-sub" aria-live="polite">
            {data ? headline(data) : "\u00a0"}
          </p>
        </div>
      </div>
      <DashboardToolbar
        range={view.range}
        timeWindow={view.timeWindow}
        system={view.system}
        thresholds={view.thresholds}
        onRange={view.setRange}
        onSystem={view.setSystem}
        onThresholds={view.setThresholds}
      />
      {dashboard.isPending ? (
        <div className="dashboard-grid">
          <Skeleton lines={5} label="Loading the dashboard…" />
          <Skeleton lines={5} />
        </div>
      ) : dashboard.isError && !data ? (
        <StateMessage tone="error" title="The dashboard could not be loaded" action={<Button onClick={() => void dashboard.refetch()}>Try again</Button>}>
          {errorMessage(dashboard.error)}
        </StateMessage>
      ) : data ? (
        <>
          {dashboard.isError ? (
            <StateMessage tone="error" title="Showing the last figures that loaded">
              {errorMessage(dashboard.error)}
            </StateMessage>
          ) : null}
          <div className="dashboard-grid">
            <QueueHealthPanel health={data.queueHealth} system={view.system} now={now} />
            <EffectiveRatePanel rates={data.effectiveRates} />
          </div>
          <Panel
            id="panel-reviewers"
            title="Reviewers"
            description="Each reviewer beside the team. A flag is a question to talk through with the reviewer; it opens the exact decisions behind it."
            aside={
              view.sort !== "flags" ? (
                <Button size="sm" variant="ghost" onClick={() => view.setSort("flags", "desc")}>
                  Most questions first
                </Button>
              ) : null
            }
          >
            {data.reviewers.length === 0 ? (
              <StateMessage title="No decisions in this time range">
                Reviewers appear here with their first decision in the range. Widen the range or choose another system.
              </StateMessage>
            ) : (
              <ReviewersTable
                team={data.team}
                reviewers={data.reviewers}
                minDecisions={data.thresholds.minDecisions}
                sort={view.sort}
                direction={view.direction}
                onSort={view.setSort}
                onOpenFlag={(reviewerId, kind) => view.setDrill({ reviewerId, kind })}
              />
            )}
          </Panel>
          <TeamTrendPanel days={data.trend} />
        </>
      ) : null}
      <BehindFlagSheet
        timeWindow={view.timeWindow}
        drill={view.drill}
        reviewerName={drilled?.name ?? null}
        flag={drilled?.flags.find((f) => f.kind === view.drill?.kind) ?? null}
        onClose={() => view.setDrill(null)}
      />
    </section>
  );
}

import { hasPermission } from "@countersign/shared/permissions";
import { useQuery } from "@tanstack/react-query";
import { HomeCrumb } from "../../../components/home-crumb";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { AuditTimeline } from "./audit-timeline";
import { DecisionSummary } from "./decision-summary";
import { EarlierRounds } from "./earlier-rounds";
import { ReopenDecision } from "./reopen-decision";
import { EscalationRecord } from "./escalation-record";
import { UntrustedText } from "../../../components/untrusted-text";
import { TraceLink } from "../../../components/trace-link";

/** One escalation's full trail, for leads, auditors and admins. */
export function TimelineScreen({ escalationId }: { escalationId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.reviews.detail.queryOptions({ escalationId }));
  const timeline = useQuery(trpc.audit.timeline.queryOptions({ escalationId }));
  const verify = useQuery(trpc.audit.verify.queryOptions(undefined, { enabled: false, retry: false }));
  const now = useNow(15_000);
  const { data: user } = useCurrentUser();

  if (detail.isPending) return <Skeleton lines={10} label="Loading the escalation…" />;
  if (detail.isError) {
    return (
      <StateMessage tone="error" title="The escalation could not be loaded" action={<HomeCrumb />}>
        {errorMessage(detail.error)}
      </StateMessage>
    );
  }
  const d = detail.data;
  return (
    <div className="timeline-page">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <HomeCrumb /> / {d.system.name}
          </p>
          <h1 className="page-title mono"><UntrustedText text={d.externalId} /></h1>
          <p className="page-sub mono">{d.id}</p>
          <TraceLink trace={d.trace} />
        </div>
        <nav className="row-gap" aria-label="This escalation elsewhere">
          <Link to={`/escalations/${d.id}/explanation`}>Explanation (printable)</Link>
          <Link to={`/audit?q=${encodeURIComponent(d.id)}&system=${encodeURIComponent(d.system.slug)}`}>Full audit trail</Link>
        </nav>
      </div>
      <div className="timeline-grid">
        <EscalationRecord detail={d} now={now} />
        <div className="timeline-side">
          <section className="card" aria-labelledby="decision-title">
            <h2 id="decision-title" className="card-title">
              Decision{d.round > 1 ? ` — round ${d.round}` : ""}
            </h2>
            <DecisionSummary decision={d.decision} now={now} />
            {d.status === "decided" && !d.gold && !d.purgedAt && hasPermission(user, "reopenDecisions") ? (
              <ReopenDecision escalationId={d.id} round={d.round} />
            ) : null}
            {d.earlierRounds && d.earlierRounds.length > 0 ? <EarlierRounds rounds={d.earlierRounds} now={now} /> : null}
          </section>
          <section className="card" aria-labelledby="trail-title">
            <h2 id="trail-title" className="card-title">
              Audit timeline
            </h2>
            {timeline.isPending ? (
              <Skeleton lines={5} label="Loading the timeline…" />
            ) : timeline.isError ? (
              <StateMessage tone="error" title="The timeline could not be loaded">
                {errorMessage(timeline.error)}
              </StateMessage>
            ) : (
              <AuditTimeline entries={timeline.data} now={now} />
            )}
            <div className="verify-row">
              <Button size="sm" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
                {verify.isFetching ? "Verifying…" : "Verify the audit log"}
              </Button>
              <span role="status" className="verify-result">
                {verify.data?.ok === true
                  ? `✓ Intact: all ${verify.data.entries} entries match their hashes.`
                  : verify.data?.ok === false
                    ? `✗ Broken at entry #${verify.data.firstBadSeq}: ${verify.data.problem}.`
                    : verify.isError
                      ? errorMessage(verify.error)
                      : null}
              </span>
            </div>
          </section>
        </div>
      </div>
    </div>
  );
}

import { hasPermission } from "@countersign/shared/permissions";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { ArchitectureLayer } from "./architecture-layer";
import { CadencePanel } from "./cadence-panel";
import { GovernanceLayer } from "./governance-layer";
import { OperatingModelLayer } from "./operating-model-layer";
import { PastReviews } from "./past-reviews";
import { ProcessLayer } from "./process-layer";
import { RecordReviewForm } from "./record-review-form";
import { StrategyLayer } from "./strategy-layer";

/**
 * The readiness review: one question per layer of the operating model, answered with live
 * figures; the cadence; past reviews; and, for the lead, the form to record one.
 */
export function ReadinessScreen({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const now = useNow(60_000);
  const { data: user } = useCurrentUser();
  const overview = useQuery(trpc.readiness.overview.queryOptions({ systemId }));
  const reviews = useQuery(trpc.readiness.reviews.queryOptions({ systemId }));

  if (overview.isPending) return <Skeleton lines={8} label="Loading the readiness review…" />;
  if (overview.isError) {
    return (
      <StateMessage tone="error" title="The readiness review could not be loaded" action={<Link to="/systems">All systems</Link>}>
        {errorMessage(overview.error)}
      </StateMessage>
    );
  }
  const o = overview.data;
  const canRecord = hasPermission(user, "recordReadinessReviews");
  return (
    <section className="readiness" aria-labelledby="readiness-title">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/systems">Systems</Link> / <Link to={`/systems/${o.system.id}`}>{o.system.name}</Link> /
          </p>
          <h1 id="readiness-title" className="page-title">
            Readiness review <Badge>{o.system.oversightMode}</Badge>
            {o.system.state === "halted" ? <Badge tone="danger">halted</Badge> : null}
          </h1>
          <p className="page-sub">
            {o.system.name} <span className="mono">{o.system.slug}</span> · one question per layer, answered with live figures; rates and
            costs cover the last 30 days.
          </p>
        </div>
      </div>
      {o.conflicts.length > 0 ? (
        <section className="conflict-list" aria-label="Layer conflicts">
          {o.conflicts.map((conflict) => (
            <p key={conflict.code} className="conflict">
              {conflict.message}
            </p>
          ))}
        </section>
      ) : null}
      <div className="readiness-layout">
        <div className="layers">
          <StrategyLayer strategy={o.strategy} systemId={o.system.id} />
          <GovernanceLayer governance={o.governance} />
          <ProcessLayer process={o.process} />
          <ArchitectureLayer architecture={o.architecture} now={now} />
          <OperatingModelLayer model={o.operatingModel} now={now} />
        </div>
        <aside className="readiness-side" aria-label="Cadence and reviews">
          <CadencePanel cadence={o.operatingModel.cadence} liveSince={o.system.liveSince} now={now} />
          {canRecord ? <RecordReviewForm systemId={o.system.id} suggested={o.operatingModel.cadence.next?.milestone ?? null} /> : null}
          {reviews.isPending ? (
            <Skeleton lines={3} label="Loading past reviews…" />
          ) : reviews.isError ? (
            <StateMessage tone="error" title="Past reviews could not be loaded">
              {errorMessage(reviews.error)}
            </StateMessage>
          ) : (
            <PastReviews reviews={reviews.data} now={now} />
          )}
        </aside>
      </div>
    </section>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { DisputeCard } from "./dispute-card";

/** Two-person reviews whose independent verifications disagreed, oldest first, each waiting for a lead's resolution. */
export function DisputesScreen({ canResolve }: { canResolve: boolean }) {
  const trpc = useTRPC();
  const disputes = useQuery(trpc.reviews.disputes.queryOptions(undefined, { refetchInterval: 30_000 }));
  const now = useNow(30_000);
  return (
    <section className="stack" aria-labelledby="disputes-title">
      <div className="page-head">
        <div>
          <h1 id="disputes-title" className="page-title">
            Disputes
          </h1>
          <p className="page-sub">
            Under the two-person rule, reviewers verify independently. When their verifications disagree, there is no decision until someone
            holding the override authority for the system resolves it here, by adopting one verification or recording one of their own; the
            resolution, its rationale and the resolver&apos;s qualification are recorded with the verifications.
          </p>
        </div>
      </div>
      {disputes.isPending ? (
        <Skeleton lines={6} label="Loading disputes…" />
      ) : disputes.isError ? (
        <StateMessage tone="error" title="Disputes could not be loaded">
          {errorMessage(disputes.error)}
        </StateMessage>
      ) : disputes.data.length === 0 ? (
        <StateMessage title="No disputes waiting">
          A dispute appears here when an AI system&apos;s policy requires two or three independent verifications and the reviewers reach different
          outcomes (or different corrections).
        </StateMessage>
      ) : (
        disputes.data.map((dispute) => <DisputeCard key={dispute.id} dispute={dispute} now={now} canResolve={canResolve} />)
      )}
    </section>
  );
}

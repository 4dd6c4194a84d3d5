import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorCode, errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { reviewViewOptions } from "../api/review-view";
import { useAttention } from "../hooks/use-attention";
import { useReleaseOnLeave } from "../hooks/use-release-on-leave";
import { takeReleasedOnLeave } from "../utils/released-on-leave";
import { useServerClock } from "../hooks/use-server-clock";
import type { RouterOutputs } from "../../../lib/trpc";
import { AnalysisForm } from "./analysis-form";
import { EscalationReading } from "./escalation-reading";
import { TraceLink } from "../../../components/trace-link";

/** The review screen of one claimed escalation: what to read on the left, the analysis on the right. */
export function ReviewScreen({ escalationId }: { escalationId: string }) {
  const trpc = useTRPC();
  const view = useQuery(reviewViewOptions(trpc, escalationId));
  const now = useServerClock(view.data?.serverNow ?? 0, view.data ? view.dataUpdatedAt : 0);
  const claim = useMutation(trpc.queue.claim.mutationOptions({ onSuccess: () => void view.refetch() }));
  const notHeld = view.isError && errorCode(view.error) === "CONFLICT";
  const { mutate: claimIt, reset: resetClaim } = claim;
  // The screen stays mounted from one item to the next: a refused claim of the last one is not this one's.
  useEffect(() => resetClaim(), [escalationId, resetClaim]);
  // Back on an item this tab let go of as it left (a reload): take it again rather than ask.
  useEffect(() => {
    if (notHeld && takeReleasedOnLeave(escalationId)) claimIt({ escalationId });
  }, [notHeld, escalationId, claimIt]);

  if (view.isPending) {
    return (
      <div className="review-grid">
        <Skeleton lines={10} label="Loading the escalation…" />
        <Skeleton lines={6} label="" />
      </div>
    );
  }
  if (view.isError && !view.data) {
    return (
      <StateMessage
        tone="error"
        title={notHeld ? "You are not holding this escalation" : "The escalation could not be loaded"}
        action={
          <div className="row-gap">
            {notHeld ? (
              <Button variant="primary" onClick={() => claim.mutate({ escalationId })} disabled={claim.isPending}>
                Claim it
              </Button>
            ) : null}
            <Link className="btn btn-secondary btn-md" to="/queue">
              Back to the queue
            </Link>
          </div>
        }
      >
        <p>{errorMessage(view.error)}.</p>
        {claim.isError ? <p className="form-error">{errorMessage(claim.error)}</p> : null}
      </StateMessage>
    );
  }
  return <Review view={view.data!} now={now} onClaim={() => claim.mutate({ escalationId })} claim={claim} />;
}

type ClaimState = { isPending: boolean; isError: boolean; error: unknown };

/**
 * The claimed item: the heartbeats run as long as it is on screen, and the lease shown is their
 * latest answer. Updated in place when the next item arrives; only the analysis form is new.
 */
function Review({ view: data, now, onClaim, claim }: { view: RouterOutputs["reviews"]["view"]; now: number; onClaim: () => void; claim: ClaimState }) {
  const attention = useAttention(
    data.id,
    // A new claim (the next item, or this one again after an expired lease) starts a new stretch of heartbeats.
    `${data.id}@${data.claimedAt}`,
    { activeSeconds: data.situation.activeSeconds, leaseExpiresAt: data.leaseExpiresAt, leaseEndsAtLatest: data.leaseEndsAtLatest },
    data.heartbeatSeconds,
  );
  useReleaseOnLeave(data.id);
  // A new item (the next one after a decision) brings a new form, so the focused button is gone: start the reader at its top, not on the page body.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) document.getElementById("escalation-heading")?.focus();
  }, [data.id]);
  const leaseExpired = now >= attention.leaseExpiresAt;
  return (
    <>
      {leaseExpired ? (
        <StateMessage
          tone="error"
          title="Your lease on this escalation has expired"
          action={
            <Button variant="primary" onClick={onClaim} disabled={claim.isPending}>
              Claim it again
            </Button>
          }
        >
          It went back to the queue, so another reviewer may take it. Claim it again to record your decision.
          {claim.isError ? <span className="form-error"> {errorMessage(claim.error)}</span> : null}
        </StateMessage>
      ) : null}
      <TraceLink trace={data.trace} />
      <div className="review-grid">
        <EscalationReading view={data} now={now} />
        <aside className="review-side" aria-label="Analysis and decision">
          {/* Keyed: each item's analysis starts empty. */}
          <AnalysisForm key={data.id} view={data} now={now} attention={attention} />
        </aside>
      </div>
    </>
  );
}

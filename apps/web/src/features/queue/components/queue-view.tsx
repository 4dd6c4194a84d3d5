import { formatCount } from "@countersign/shared/format";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useToast } from "../../../components/ui/toast";
import { useNow } from "../../../hooks/use-now";
import { useShortcuts } from "../../../hooks/use-shortcuts";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { useQueueFilters } from "../hooks/use-queue-filters";
import { ClaimNextButton } from "./claim-next-button";
import { QueueEmpty } from "./queue-empty";
import { QueueFilters } from "./queue-filters";
import { QueueTable, type QueueRow, type QueueTableHandle } from "./queue-table";

type Props = { canClaim: boolean; canSeeTimeline: boolean };

/** The queue: filters in the URL, a dense table, "Claim next" for reviewers, read-only for others. */
export function QueueView({ canClaim, canSeeTimeline }: Props) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const toast = useToast();
  const { filters, setFilter, clear, active } = useQueueFilters();
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<QueueTableHandle>(null);
  const [nothingQueued, setNothingQueued] = useState(false);
  const [claimError, setClaimError] = useState<string | null>(null);

  const queue = useQuery(trpc.queue.list.queryOptions(filters, { refetchInterval: 10_000, placeholderData: (prev) => prev }));
  const systems = useQuery(trpc.systems.list.queryOptions(undefined, { staleTime: 60_000 }));
  const skew = queue.data ? queue.data.serverNow - queue.dataUpdatedAt : 0;
  const now = useNow(5_000, skew);

  const claimNext = useMutation(
    trpc.queue.claimNext.mutationOptions({
      onSuccess: (claim) => {
        if (!claim) {
          setNothingQueued(true);
          void queue.refetch();
          return;
        }
        void navigate(`/review/${claim.escalationId}`);
      },
      onError: (error) => setClaimError(errorMessage(error)),
    }),
  );
  const claim = useMutation(
    trpc.queue.claim.mutationOptions({
      onSuccess: (result) => void navigate(`/review/${result.escalationId}`),
      onError: (error) => {
        setClaimError(errorMessage(error));
        void queue.refetch();
      },
    }),
  );

  const startClaimNext = () => {
    if (claimNext.isPending) return;
    setNothingQueued(false);
    setClaimError(null);
    claimNext.mutate(filters.system ? { system: filters.system } : {});
  };

  const open = (row: QueueRow) => {
    setClaimError(null);
    if (canClaim && row.heldByMe && row.status === "in_review") return void navigate(`/review/${row.id}`);
    if (canClaim && row.status === "queued") return claim.mutate({ escalationId: row.id });
    if (canSeeTimeline) return void navigate(`/escalations/${row.id}`);
    if (row.status === "in_review") toast(`${row.leaseHolderName ?? "Another reviewer"} is reviewing this escalation`);
  };

  useShortcuts([
    { key: "j", handler: () => tableRef.current?.move(1) },
    { key: "k", handler: () => tableRef.current?.move(-1) },
    { key: "/", handler: () => searchRef.current?.focus() },
    ...(canClaim ? [{ key: "c", handler: startClaimNext }] : []),
  ]);

  const rows = queue.data?.rows ?? [];
  return (
    <section className="queue" aria-labelledby="queue-title">
      <div className="page-head">
        <div>
          <h1 id="queue-title" className="page-title">
            Queue
          </h1>
          <p className="page-sub" aria-live="polite">
            {queue.data ? totalLine(queue.data.total, queue.data.totalCapped, rows.length) : "\u00a0"}
            {canClaim ? null : " · read-only: open a row to see its timeline"}
          </p>
        </div>
        {canClaim ? <ClaimNextButton onClick={startClaimNext} pending={claimNext.isPending} /> : null}
      </div>
      {nothingQueued ? (
        <StateMessage tone="info" title="Nothing is queued right now">
          {filters.system ? "No escalation of this system is waiting to be claimed." : "Every escalation is decided or being reviewed."} New
          escalations appear here as AI systems send them.
        </StateMessage>
      ) : null}
      {claimError ? (
        <StateMessage tone="error" title="Could not claim">
          {claimError}
        </StateMessage>
      ) : null}
      <QueueFilters
        filters={filters}
        setFilter={setFilter}
        clear={clear}
        active={active}
        systems={systems.data ?? []}
        reasons={queue.data?.reasons ?? []}
        searchRef={searchRef}
        ownDecisionsOnly={!canSeeTimeline}
      />
      {queue.isPending ? (
        <Skeleton lines={8} label="Loading the queue…" />
      ) : queue.isError ? (
        <StateMessage tone="error" title="The queue could not be loaded">
          {errorMessage(queue.error)}
        </StateMessage>
      ) : rows.length === 0 ? (
        <QueueEmpty filtered={active} onClear={clear} />
      ) : (
        <QueueTable
          rows={rows}
          now={now}
          canClaim={canClaim}
          canSeeTimeline={canSeeTimeline}
          pendingId={claim.isPending ? (claim.variables?.escalationId ?? null) : null}
          onOpen={open}
          handle={tableRef}
        />
      )}
    </section>
  );
}

/**
 * The server counts matches up to a cap (counting a million rows would cost more than the page):
 * past it the total reads "10,000+", and narrowing the filters gives an exact figure again.
 */
function totalLine(total: number, capped: boolean, shown: number) {
  const figure = `${formatCount(total)}${capped ? "+" : ""}`;
  const noun = total === 1 && !capped ? "escalation" : "escalations";
  return `${figure} ${noun}${shown < total ? `, showing the first ${shown}` : ""}${capped ? " (filter to narrow down)" : ""}`;
}

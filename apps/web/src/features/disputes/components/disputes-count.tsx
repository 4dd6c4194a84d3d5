import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc";

/** The number of disputes waiting for a lead, for the navigation; nothing when there are none. */
export function DisputesCount() {
  const trpc = useTRPC();
  const disputes = useQuery(trpc.reviews.disputes.queryOptions(undefined, { staleTime: 30_000, refetchInterval: 60_000 }));
  const count = disputes.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <>
      <span className="nav-count" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">, {count} waiting</span>
    </>
  );
}

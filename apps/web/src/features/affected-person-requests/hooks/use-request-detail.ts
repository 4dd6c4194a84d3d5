import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc";

/** One request: through the readers' procedure for those who read every request, else as its assignee. */
export function useRequestDetail(requestId: string, readsEvery: boolean) {
  const trpc = useTRPC();
  const asReader = useQuery(trpc.affectedPersonRequests.get.queryOptions({ requestId }, { enabled: readsEvery }));
  const asAssignee = useQuery(trpc.affectedPersonRequests.getRoutedToMe.queryOptions({ requestId }, { enabled: !readsEvery }));
  return readsEvery ? asReader : asAssignee;
}

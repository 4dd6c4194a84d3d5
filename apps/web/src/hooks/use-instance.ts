import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";

/** Facts about this installation (public): whether it is a demo. */
export function useInstance() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.instance.queryOptions(undefined, { staleTime: Infinity }));
}

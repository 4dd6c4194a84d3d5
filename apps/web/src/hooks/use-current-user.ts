import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";

/** The signed-in user (null when signed out). Shared by every feature; the server checks roles anyway. */
export function useCurrentUser() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
}

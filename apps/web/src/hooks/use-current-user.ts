import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";

type Trpc = ReturnType<typeof useTRPC>;

/** The session check's query, also asked by the router as the page starts (app/router.tsx). */
export const currentUserOptions = (trpc: Trpc) => trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 });

/** The signed-in user (null when signed out). Shared by every feature; the server checks roles anyway. */
export function useCurrentUser() {
  const trpc = useTRPC();
  return useQuery(currentUserOptions(trpc));
}

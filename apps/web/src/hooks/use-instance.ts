import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";

type Trpc = ReturnType<typeof useTRPC>;

/** The installation's facts, also asked by the router as the page starts (app/router.tsx). */
export const instanceOptions = (trpc: Trpc) => trpc.auth.instance.queryOptions(undefined, { staleTime: Infinity });

/** Facts about this installation (public): whether it is a demo. */
export function useInstance() {
  const trpc = useTRPC();
  return useQuery(instanceOptions(trpc));
}

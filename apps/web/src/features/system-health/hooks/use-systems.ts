import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";

export type SystemRow = RouterOutputs["systems"]["list"][number];

/**
 * Every AI system with its stop state. Polled, so a halt pressed elsewhere reaches every
 * open screen within seconds.
 */
export function useSystems() {
  const trpc = useTRPC();
  return useQuery(trpc.systems.list.queryOptions(undefined, { refetchInterval: 15_000, staleTime: 5_000 }));
}

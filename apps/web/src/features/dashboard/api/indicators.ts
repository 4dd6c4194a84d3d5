import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import type { DashboardWindow, Drill } from "../hooks/use-dashboard-params";

export type Dashboard = RouterOutputs["indicators"]["dashboard"];
export type EffectiveRate = Dashboard["effectiveRates"][number];

export type TrendDay = Dashboard["trend"][number];
export type FlagDecision = RouterOutputs["indicators"]["behindFlag"][number];

/** The lead's dashboard for a window; the previous figures stay on screen while a new window loads. */
export function useDashboard(timeWindow: DashboardWindow) {
  const trpc = useTRPC();
  return useQuery(trpc.indicators.dashboard.queryOptions(timeWindow, { placeholderData: (previous) => previous, refetchInterval: 60_000 }));
}

/** The exact decisions behind one reviewer's flag, fetched only while the drill-down is open. */
export function useDecisionsBehindFlag(timeWindow: DashboardWindow, drill: Drill | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.indicators.behindFlag.queryOptions({ ...timeWindow, reviewerId: drill?.reviewerId ?? "", kind: drill?.kind ?? "fast" }, { enabled: drill !== null }),
  );
}

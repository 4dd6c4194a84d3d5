import type { Outcome } from "@countersign/shared/enums";
import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import type { DashboardWindow, Drill } from "../hooks/use-dashboard-params";

export type Dashboard = RouterOutputs["indicators"]["dashboard"];
export type BacklogRow = Dashboard["queueHealth"]["backlog"][number];
export type EffectiveRate = Dashboard["effectiveRates"][number];

/** One day of the team's trend. The server's row is untyped (raw SQL), so it is read here field by field. */
export type TrendDay = { day: string; decisions: number; approvalRate: number | null; meanActiveSeconds: number | null; goldCatchRate: number | null };

/** One decision behind a flag, as the server's raw SQL row names it. */
export type FlagDecision = {
  verificationId: string;
  escalationId: string;
  externalId: string;
  system: string;
  decidedAt: number;
  outcome: Outcome;
  activeSeconds: number;
  elapsedSeconds: number;
  requiredDwellSeconds: number;
  confidence: number | null;
  rationale: string;
  rationaleSimilarity: number | null;
  evidenceOpened: number;
  evidenceCount: number;
  goldCaught: boolean | null;
  attentionCorrect: boolean | null;
  switchedToAi: boolean | null;
};

const numberOrNull = (value: unknown) => (value === null || value === undefined || value === "" ? null : Number(value));
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

export function toTrendDays(rows: unknown[]): TrendDay[] {
  return rows.map((raw) => {
    const row = raw as Record<string, unknown>;
    return {
      day: text(row.day),
      decisions: Number(row.decisions ?? 0),
      approvalRate: numberOrNull(row.approvalRate),
      meanActiveSeconds: numberOrNull(row.meanActiveSeconds),
      goldCatchRate: numberOrNull(row.goldCatchRate),
    };
  });
}

function toFlagDecision(raw: Record<string, unknown>): FlagDecision {
  return {
    verificationId: text(raw.verificationId),
    escalationId: text(raw.escalationId),
    externalId: text(raw.externalId),
    system: text(raw.system),
    decidedAt: Number(raw.decidedAt),
    outcome: text(raw.outcome) as Outcome,
    activeSeconds: Number(raw.activeSeconds ?? 0),
    elapsedSeconds: Number(raw.elapsedSeconds ?? 0),
    requiredDwellSeconds: Number(raw.requiredDwellSeconds ?? 0),
    confidence: numberOrNull(raw.confidence),
    rationale: text(raw.rationale),
    rationaleSimilarity: numberOrNull(raw.rationaleSimilarity),
    evidenceOpened: Number(raw.evidenceOpened ?? 0),
    evidenceCount: Number(raw.evidenceCount ?? 0),
    goldCaught: (raw.goldCaught as boolean | null | undefined) ?? null,
    attentionCorrect: (raw.attentionCorrect as boolean | null | undefined) ?? null,
    switchedToAi: (raw.switchedToAi as boolean | null | undefined) ?? null,
  };
}

/** The lead's dashboard for a window; the previous figures stay on screen while a new window loads. */
export function useDashboard(timeWindow: DashboardWindow) {
  const trpc = useTRPC();
  return useQuery(trpc.indicators.dashboard.queryOptions(timeWindow, { placeholderData: (previous) => previous, refetchInterval: 60_000 }));
}

/** The exact decisions behind one reviewer's flag, fetched only while the drill-down is open. */
export function useDecisionsBehindFlag(timeWindow: DashboardWindow, drill: Drill | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.indicators.behindFlag.queryOptions({ ...timeWindow, reviewerId: drill?.reviewerId ?? "", kind: drill?.kind ?? "fast" }, { enabled: drill !== null }),
    select: (rows) => rows.map((row) => toFlagDecision(row as Record<string, unknown>)),
  });
}

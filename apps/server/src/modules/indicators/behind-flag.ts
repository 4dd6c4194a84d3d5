import type { Outcome } from "@countersign/shared/enums";
import type { FlagKind } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";
import { reviewerFigures } from "./figures";
import { params, scopedVerifications, type Scope } from "./window";

/** The condition that puts one decision behind each flag. */
function conditionFor(kind: FlagKind, peerMedian: number | null, scope: Scope): string {
  switch (kind) {
    case "fast":
      return `active_seconds < ${Number(peerMedian ?? 0) * scope.thresholds.fastRatio}`;
    case "near_floor":
      return "outcome = 'approved' AND elapsed <= required_dwell_seconds * 1.15 + 2";
    case "approval_rate":
      return "outcome = 'approved'";
    case "gold_missed":
      return "gold_caught = 0";
    case "evidence_unopened":
      return "evidence_count > 0 AND opened_count = 0";
    case "duplicate_rationale":
      return "rationale_similarity >= :dup";
    case "approval_streak":
      return "in_longest_streak = 1";
    case "flat_confidence":
      // The lowest confidence band (figures.confidenceBands), approved anyway.
      return "outcome = 'approved' AND band = 0";
    case "switch_to_ai":
      return "switched_to_ai = 1";
    case "day_drift":
      return "day_rn * 2 > day_cnt AND day_cnt >= 6";
    case "attention_wrong":
      return "attention_correct = 0";
  }
}

export type DecisionBehindFlag = {
  verificationId: string;
  escalationId: string;
  externalId: string;
  system: string;
  decidedAt: number;
  outcome: Outcome;
  activeSeconds: number;
  elapsedSeconds: number;
  requiredDwellSeconds: number;
  confidence: number;
  rationale: string;
  rationaleSimilarity: number;
  evidenceOpened: number;
  evidenceCount: number;
  goldCaught: boolean | null;
  attentionCorrect: boolean | null;
  switchedToAi: boolean | null;
};

type Flagged = Omit<DecisionBehindFlag, "goldCaught" | "attentionCorrect" | "switchedToAi"> & {
  goldCaught: number | null;
  attentionCorrect: number | null;
  switchedToAi: number | null;
};

/** The exact decisions behind one reviewer's flag, newest first (at most 200). */
export function decisionsBehindFlag(db: Db, scope: Scope, reviewerId: string, kind: FlagKind): DecisionBehindFlag[] {
  const peerMedian = kind === "fast" ? (reviewerFigures(db, scope).reviewers.get(reviewerId)?.peerMedianActiveSeconds ?? null) : null;
  const rows = db.$client
    .prepare(
      `WITH ${scopedVerifications},
       mine AS (
         SELECT s.*,
                row_number() OVER (PARTITION BY date(decided_at / 1000, 'unixepoch') ORDER BY decided_at) AS day_rn,
                count(*) OVER (PARTITION BY date(decided_at / 1000, 'unixepoch')) AS day_cnt,
                row_number() OVER (ORDER BY decided_at)
                  - row_number() OVER (PARTITION BY outcome = 'approved' ORDER BY decided_at) AS grp
           FROM scoped s WHERE reviewer_id = :reviewerId),
       streak AS (
         SELECT grp FROM mine WHERE outcome = 'approved' GROUP BY grp ORDER BY count(*) DESC LIMIT 1),
       flagged AS (
         SELECT mine.*, (outcome = 'approved' AND grp = (SELECT grp FROM streak)) AS in_longest_streak FROM mine)
       SELECT f.id AS verificationId, f.escalation_id AS escalationId, e.external_id AS externalId, sys.slug AS system,
              f.decided_at AS decidedAt, f.outcome, f.active_seconds AS activeSeconds, f.elapsed AS elapsedSeconds,
              f.required_dwell_seconds AS requiredDwellSeconds, f.confidence, substr(f.rationale, 1, 280) AS rationale,
              f.rationale_similarity AS rationaleSimilarity, f.opened_count AS evidenceOpened, f.evidence_count AS evidenceCount,
              f.gold_caught AS goldCaught, f.attention_correct AS attentionCorrect, f.switched_to_ai AS switchedToAi
         FROM flagged f JOIN escalations e ON e.id = f.escalation_id JOIN ai_systems sys ON sys.id = f.system_id
        WHERE ${conditionFor(kind, peerMedian, scope)}
        ORDER BY f.decided_at DESC LIMIT 200`,
    )
    .all({ ...params(scope), reviewerId }) as Flagged[];
  return rows.map((row) => ({
    ...row,
    goldCaught: row.goldCaught === null ? null : row.goldCaught === 1,
    attentionCorrect: row.attentionCorrect === null ? null : row.attentionCorrect === 1,
    switchedToAi: row.switchedToAi === null ? null : row.switchedToAi === 1,
  }));
}

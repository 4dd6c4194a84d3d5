import type { Outcome } from "@countersign/shared/enums";
import type { FlagKind } from "@countersign/shared/indicators";
import type { Db } from "../../db/client";
import { dialectFor, type Engine } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import { reviewerFigures } from "./figures";
import { params, scopedVerifications, type Scope } from "./window";

/**
 * The condition that puts one decision behind each flag, in SQL both engines read alike: a boolean
 * column tested as such (SQLite's 0/1 and PostgreSQL's boolean alike), arithmetic in doubles as
 * counts.ts computes it (PostgreSQL's 1.15 would be an exact numeric).
 */
function conditionFor(kind: FlagKind, peerMedian: number | null, scope: Scope): string {
  switch (kind) {
    case "fast":
      return `active_seconds < ${Number(peerMedian ?? 0) * scope.thresholds.fastRatio}`;
    case "near_floor":
      return "outcome = 'approved' AND elapsed <= required_dwell_seconds * CAST(1.15 AS DOUBLE PRECISION) + 2";
    case "approval_rate":
      return "outcome = 'approved'";
    case "gold_missed":
      return "NOT gold_caught";
    case "evidence_unopened":
      return "evidence_count > 0 AND opened_count = 0";
    case "duplicate_rationale":
      return "rationale_similarity >= :dup";
    case "approval_streak":
      return "in_longest_streak";
    case "flat_confidence":
      // The lowest confidence band (figures.confidenceBands), approved anyway.
      return "outcome = 'approved' AND band = 0";
    case "switch_to_ai":
      return "switched_to_ai";
    case "day_drift":
      return "day_rn * 2 > day_cnt AND day_cnt >= 6";
    case "attention_wrong":
      return "NOT attention_correct";
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
  goldCaught: number | boolean | null;
  attentionCorrect: number | boolean | null;
  switchedToAi: number | boolean | null;
};

/** SQLite's 1/0 or PostgreSQL's boolean as a boolean. */
const asBoolean = (value: number | boolean | null) => (value === null ? null : value === true || value === 1);

/** The exact decisions behind one reviewer's flag, newest first (at most 200). */
export async function decisionsBehindFlag(db: Db, scope: Scope, reviewerId: string, kind: FlagKind): Promise<DecisionBehindFlag[]> {
  const peerMedian = kind === "fast" ? ((await reviewerFigures(db, scope)).reviewers.get(reviewerId)?.peerMedianActiveSeconds ?? null) : null;
  const rows = await statement(db, `${flaggedSql[engineOf(db)]} WHERE ${conditionFor(kind, peerMedian, scope)} ORDER BY f.decided_at DESC LIMIT 200`).all<Flagged>({
    ...params(scope),
    reviewerId,
  });
  return rows.map((row) => ({
    ...row,
    goldCaught: asBoolean(row.goldCaught),
    attentionCorrect: asBoolean(row.attentionCorrect),
    switchedToAi: asBoolean(row.switchedToAi),
  }));
}

const flagged = (engine: Engine) => {
  const day = dialectFor(engine).utcDay("decided_at");
  return `WITH ${scopedVerifications[engine]},
       mine AS (
         SELECT s.*,
                row_number() OVER (PARTITION BY ${day} ORDER BY decided_at) AS day_rn,
                count(*) OVER (PARTITION BY ${day}) AS day_cnt,
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
         FROM flagged f JOIN escalations e ON e.id = f.escalation_id JOIN ai_systems sys ON sys.id = f.system_id`;
};
const flaggedSql: Record<Engine, string> = { sqlite: flagged("sqlite"), postgres: flagged("postgres") };

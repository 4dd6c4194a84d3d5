import { and, asc, eq, sql } from "drizzle-orm";
import type { AuditAction } from "@countersign/shared/audit";
import type { Outcome } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import type { Db, Tx } from "../../db/client";
import type { escalations } from "../../db/schema/escalations";
import { verifications } from "../../db/schema/reviews";
import { prepared } from "../../lib/prepared";

export type Settlement = {
  /** decided: the verifications agree (or one was enough); awaiting_verification: back to the queue for another reviewer; disputed: a lead resolves it. */
  status: "decided" | "awaiting_verification" | "disputed";
  action: AuditAction;
  verificationsRecorded: number;
  verificationsRequired: number;
  verificationIds: string[];
  outcomes: Outcome[];
};

type VerificationOutcome = { id: string; outcome: Outcome; correctedOutput: string | null };

/**
 * Two verifications agree when they reach the same outcome and, for a modification, the same
 * corrected output: under Art. 14(5) no action is taken on an output unless two people verified
 * that very action.
 */
export function verificationsAgree(list: VerificationOutcome[]): boolean {
  const [first, ...rest] = list;
  if (!first) return false;
  const corrected = (v: VerificationOutcome) => (v.outcome === "modified" ? (v.correctedOutput ?? "").trim() : "");
  return rest.every((v) => v.outcome === first.outcome && corrected(v) === corrected(first));
}

const recordedVerifications = (db: Db | Tx) =>
  db
    .select({ id: verifications.id, outcome: verifications.outcome, correctedOutput: verifications.correctedOutput })
    .from(verifications)
    // This round's only: a reopened decision's verifications are superseded, not counted towards the new one.
    .where(and(eq(verifications.escalationId, sql.placeholder("escalationId")), eq(verifications.round, sql.placeholder("round"))))
    .orderBy(asc(verifications.decidedAt), asc(verifications.id))
    .prepare();

/**
 * After a verification is stored, where the escalation goes (the lifecycle's `settle` moves it):
 * decided when enough independent verifications agree, back to the queue when more are needed,
 * set aside for a lead when they disagree. Gold copies settle exactly the same way: a reviewer
 * must not learn from the answer (or from a lead's dispute list staying empty) that an item was a test.
 */
export async function settleVerification(tx: Tx, row: typeof escalations.$inferSelect, policy: ReviewPolicy): Promise<Settlement> {
  const required = policy.requiredVerifications;
  const recorded: VerificationOutcome[] = await prepared(tx, recordedVerifications).all({ escalationId: row.id, round: row.round });
  const base = {
    verificationsRecorded: recorded.length,
    verificationsRequired: required,
    verificationIds: recorded.map((v) => v.id),
    outcomes: recorded.map((v) => v.outcome),
  };
  if (recorded.length < required) return { ...base, status: "awaiting_verification", action: "escalation.verified" };
  if (!verificationsAgree(recorded)) return { ...base, status: "disputed", action: "escalation.disputed" };
  return { ...base, status: "decided", action: "escalation.decided" };
}

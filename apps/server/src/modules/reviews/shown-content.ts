import type { EvidenceItem } from "@countersign/shared/escalation";
import type { escalations } from "../../db/schema/escalations";
import { art12Fields } from "../escalations/resource";
import { canonicalJson, sha256 } from "../../lib/hash";

type EscalationRow = typeof escalations.$inferSelect;

/** Everything the review screen can show a reviewer about one escalation. */
export function shownContent(row: EscalationRow) {
  return {
    input: JSON.parse(row.inputJson) as string | Record<string, unknown>,
    aiOutput: JSON.parse(row.aiOutputJson) as string | Record<string, unknown>,
    confidence: row.confidence,
    model: row.model,
    escalationReason: { code: row.reasonCode, explanation: row.reasonExplanation },
    contextSummary: row.contextSummary,
    evidence: (row.evidence ?? []) as EvidenceItem[],
    // Only when sent, so the digest of every escalation without them is what it always was.
    ...art12Fields(row),
  };
}

/** SHA-256 of the exact content shown, stored with each verification. */
export function shownContentSha256(row: EscalationRow): string {
  return sha256(canonicalJson(shownContent(row)));
}

import { canonicalJson, sha256 } from "../../lib/hash";

/** What a pack verifier knows of the audit entry that recorded a line. */
type RecordedEntry = { seq: number; payload: Record<string, unknown> };

/** The first field of `actual` that its audit entry recorded differently, as the problem to report. */
export function firstDifference(recorded: Record<string, unknown>, actual: Record<string, unknown>): string | null {
  for (const [field, value] of Object.entries(actual)) {
    if (field in recorded && JSON.stringify(recorded[field]) !== JSON.stringify(value)) return `differs from its audit entry in ${field}`;
  }
  return null;
}

/** Why a line does not match its audit entry (none, another entry, other facts), or null. */
export function entryMismatch(recorded: RecordedEntry | undefined, auditSeq: unknown, facts: Record<string, unknown>): string | null {
  if (!recorded) return "has no audit entry in the pack's chain segment";
  if (recorded.seq !== auditSeq) return `names audit entry ${String(auditSeq)}, but its entry is ${recorded.seq}`;
  return firstDifference(recorded.payload, facts);
}

/** An escalation line whose content is not what its shownContentSha256 says the reviewer saw. */
export function escalationContentProblem(e: { id: string; content: unknown; shownContentSha256: string }): string | null {
  return sha256(canonicalJson(e.content)) === e.shownContentSha256 ? null : `escalation ${e.id}: its content does not hash to its shownContentSha256`;
}

/** The facts of a verification line its audit entry records (the texts by their SHA-256). */
export function verificationFacts(v: Record<string, unknown>): Record<string, unknown> {
  return {
    outcome: v.outcome,
    rationaleSha256: sha256(String(v.rationale)),
    correctedOutputSha256: v.correctedOutput === null ? null : sha256(String(v.correctedOutput)),
    contentSha256: v.contentSha256,
    activeSeconds: v.activeSeconds,
  };
}

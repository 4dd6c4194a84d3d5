import { priorityRank } from "@countersign/shared/enums";
import type { EscalationInput } from "@countersign/shared/escalation";
import type { escalations } from "../../db/schema/escalations";
import { canonicalJson, newId, sha256 } from "../../lib/hash";
import { arrivalStatus } from "./lifecycle";

/** A queued escalation row from the body an AI system sent, stored exactly as received. */
export function queuedEscalationRow(
  systemId: string,
  input: EscalationInput,
  now: number,
  extra: { requestHash?: string; traceparent?: string | undefined } = {},
): typeof escalations.$inferInsert {
  const priority = input.priority ?? "normal";
  return {
    id: newId("esc"),
    systemId,
    externalId: input.externalId,
    requestHash: extra.requestHash ?? sha256(canonicalJson(input)),
    inputJson: JSON.stringify(input.input),
    aiOutputJson: JSON.stringify(input.aiOutput),
    confidence: input.confidence,
    model: input.model,
    reasonCode: input.escalationReason.code,
    reasonExplanation: input.escalationReason.explanation,
    contextSummary: input.contextSummary,
    evidence: input.evidence ?? null,
    priority,
    priorityRank: priorityRank[priority],
    dueAt: input.dueAt ?? null,
    dueAtMs: input.dueAt === undefined ? null : Date.parse(input.dueAt),
    metadata: input.metadata ?? null,
    traceparent: extra.traceparent ?? null,
    usePeriodStart: input.usePeriod?.start ?? null,
    usePeriodEnd: input.usePeriod?.end ?? null,
    referenceDatabase: input.referenceDatabase ?? null,
    matchedInputJson: input.matchedInput === undefined ? null : JSON.stringify(input.matchedInput),
    status: arrivalStatus,
    receivedAt: now,
  };
}

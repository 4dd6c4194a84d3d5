import { eq } from "drizzle-orm";
import type { Outcome } from "@countersign/shared/enums";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { escalationResource } from "../escalations/resource";
import { policyOf } from "../reviews/situation";
import { auditTrail } from "./trail";

type Json = unknown;
export type OutputChange = { path: string; before: Json; after: Json };

const outcomeSentence: Record<Outcome, string> = {
  approved: "confirmed the AI output, which took effect unchanged",
  modified: "corrected the AI output; the corrected version took effect instead",
  rejected: "rejected the AI output; it did not take effect",
  escalated: "escalated the case for a decision outside this review",
};

/**
 * What a printable explanation of one decision needs (EU AI Act Art. 86): the AI output, the
 * role the humans played, their rationale, what they changed (AI output against the final
 * output, field by field), and who decided when.
 */
export function decisionExplanation(deps: Deps, escalationId: string) {
  const row = deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  const system = deps.db.select().from(aiSystems).where(eq(aiSystems.id, row.systemId)).get()!;
  const policy = policyOf(deps.db, row.systemId);
  const resource = escalationResource(deps.db, row);
  const trail = auditTrail(deps, row.id).matches.find((m) => m.escalation.id === row.id)!;
  const decision = resource.decision ?? null;
  const reviewers = trail.verifications.map((v) => ({
    name: v.reviewerName,
    role: "reviewer" as const,
    outcome: v.outcome,
    rationale: v.rationale,
    decidedAt: v.decidedAt,
    activeSeconds: v.activeSeconds,
    qualification: v.qualification ? { training: v.qualification.training, expiresAt: v.qualification.expiresAt } : null,
  }));
  return {
    escalation: {
      id: row.id,
      externalId: row.externalId,
      system: { slug: system.slug, name: system.name, oversightMode: system.oversightMode },
      receivedAt: new Date(row.receivedAt).toISOString(),
      model: row.model,
      confidence: row.confidence,
      escalationReason: resource.escalationReason,
      contextSummary: resource.contextSummary,
      input: resource.input,
      purgedAt: resource.purgedAt ?? null,
    },
    status: resource.status,
    aiOutput: resource.aiOutput,
    humanRole: humanRole(system.oversightMode, policy.requiredVerifications, decision?.outcome ?? null, trail.resolution !== null),
    requiredVerifications: policy.requiredVerifications,
    decision: decision
      ? {
          outcome: decision.outcome,
          finalOutput: decision.finalOutput,
          rationale: decision.rationale,
          decidedAt: decision.decidedAt,
          decidedBy: { name: decision.decidedBy, role: trail.resolution ? ("lead" as const) : ("reviewer" as const) },
        }
      : null,
    reviewers,
    resolution: trail.resolution
      ? { name: trail.resolution.leadName, role: "lead" as const, outcome: trail.resolution.outcome, rationale: trail.resolution.rationale, resolvedAt: trail.resolution.resolvedAt }
      : null,
    changes: decision ? outputChanges(resource.aiOutput, decision.finalOutput, decision.outcome) : null,
  };
}

function humanRole(mode: string, required: number, outcome: Outcome | null, resolved: boolean): string {
  const who = required > 1 ? `${required} qualified reviewers, each independently and without seeing the others' verdicts,` : "A qualified reviewer";
  const when = mode === "HITL" ? "Every output of this AI system is checked by a person before it takes effect." : "This AI system hands the outputs it is unsure about to people before they take effect.";
  if (outcome === null) return `${when} ${required > 1 ? `${required} qualified reviewers must verify this output` : "A qualified reviewer must verify this output"}; the review is not finished yet.`;
  if (resolved) return `${when} ${who} verified this output, reached different conclusions, and a team lead decided: the lead ${outcomeSentence[outcome]}.`;
  return `${when} ${who} ${required > 1 ? "verified this output and agreed: they" : "verified this output and"} ${outcomeSentence[outcome]}.`;
}

/** AI output against what took effect: each changed field of a JSON output, or the whole text. */
export function outputChanges(aiOutput: Json, finalOutput: Json, outcome: Outcome) {
  if (outcome === "rejected" || outcome === "escalated" || finalOutput === null) {
    return { changed: outcome !== "approved", aiOutput, finalOutput: null, fields: [] as OutputChange[] };
  }
  const fields: OutputChange[] = [];
  diff(aiOutput, finalOutput, "", fields);
  return { changed: fields.length > 0, aiOutput, finalOutput, fields };
}

function diff(before: Json, after: Json, path: string, out: OutputChange[]) {
  const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      diff(before[key] ?? null, after[key] ?? null, path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path: path || "(output)", before, after });
}

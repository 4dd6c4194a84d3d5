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

// Countersign knows what was decided and when the AI system read it, not what the AI system did
// with it afterwards: no sentence here claims an output "took effect".
const outcomeSentence: Record<Outcome, string> = {
  approved: "confirmed the AI output unchanged",
  modified: "corrected the AI output; the decision returned to the AI system carries the corrected version",
  rejected: "rejected the AI output; the decision returned to the AI system says so",
  escalated: "escalated the case for a decision outside this review",
};

/**
 * What a printable explanation of one decision needs (EU AI Act Art. 86): the AI output, the
 * role the humans played, their rationale, what they changed (AI output against the final
 * output, field by field), who decided when, and what Countersign knows of the decision's
 * delivery: when it was available to the AI system and when the AI system first fetched it.
 */
export async function decisionExplanation(deps: Deps, escalationId: string) {
  const row = await deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get();
  if (!row) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  const system = (await deps.db.select().from(aiSystems).where(eq(aiSystems.id, row.systemId)).get())!;
  const policy = await policyOf(deps.db, row.systemId);
  const resource = await escalationResource(deps.db, row, deps.now());
  const trail = (await auditTrail(deps, row.id)).matches.find((m) => m.escalation.id === row.id)!;
  const decision = resource.decision ?? null;
  // The reviewers of the decision in force; a reopened round's are named with its reopening below.
  const reviewers = trail.verifications.filter((v) => v.supersededAt === null).map((v) => ({
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
    humanRole: [
      humanRole(system.oversightMode, policy.requiredVerifications, decision?.outcome ?? null, trail.resolution?.basis ?? (trail.resolution ? "adopted" : null), decision?.rationale),
      ...(trail.reopenings.length > 0 ? [reversalSentence(trail.reopenings.length, row.round)] : []),
    ].join(" "),
    /** Earlier decisions a person with the override authority reopened (Art. 14(4)(d)), oldest first. */
    reopenings: trail.reopenings.map((r) => ({ round: r.round, name: r.reopenedByName, reopenedAt: r.reopenedAt, reason: r.reason, previousDecidedAt: r.previousDecidedAt })),
    requiredVerifications: policy.requiredVerifications,
    decision: decision
      ? {
          outcome: decision.outcome,
          finalOutput: decision.finalOutput,
          rationale: decision.rationale,
          decidedAt: decision.decidedAt,
          decidedBy: {
            name: decision.decidedBy,
            role: decision.outcome === "expired" ? ("deadline passed" as const) : trail.resolution ? ("lead" as const) : ("reviewer" as const),
          },
        }
      : null,
    reviewers,
    resolution: trail.resolution
      ? { name: trail.resolution.leadName, role: "lead" as const, outcome: trail.resolution.outcome, rationale: trail.resolution.rationale, resolvedAt: trail.resolution.resolvedAt }
      : null,
    changes: decision && decision.outcome !== "expired" ? outputChanges(resource.aiOutput, decision.finalOutput, decision.outcome) : null,
    delivery: {
      availableAt: decision?.decidedAt ?? null,
      fetchedAt: row.decisionFetchedAt === null ? null : new Date(row.decisionFetchedAt).toISOString(),
    },
  };
}

function humanRole(mode: string, required: number, outcome: Outcome | "expired" | null, resolved: string | null, expiry?: string): string {
  const who = required > 1 ? `${required} qualified reviewers, each independently and without seeing the others' verdicts,` : "A qualified reviewer";
  // What the mode intends, not a measurement: Countersign sees only the outputs it is sent.
  const when =
    mode === "HITL"
      ? "This AI system is set up to send every output to people for review (human in the loop)."
      : mode === "HIC"
        ? "This AI system runs without per-output review (human in command); this output was sent to people for review."
        : "This AI system sends the outputs it is unsure about to people for review.";
  // The expired decision's rationale says what the AI system was told to do (its onOverdue policy).
  if (outcome === "expired") return `${when} No person decided this output before its deadline. ${expiry ?? ""}`.trim();
  if (outcome === null) return `${when} ${required > 1 ? `${required} qualified reviewers must verify this output` : "A qualified reviewer must verify this output"}; the review is not finished yet.`;
  if (resolved === "own_verification") {
    return `${when} ${who} verified this output and reached different conclusions; a person with the override authority for this system then verified it independently as well, and that verification decided: they ${outcomeSentence[outcome]}.`;
  }
  if (resolved) {
    return `${when} ${who} verified this output and reached different conclusions; a person with the override authority for this system adopted one of those verifications: it ${outcomeSentence[outcome]}.`;
  }
  return `${when} ${who} ${required > 1 ? "verified this output and agreed: they" : "verified this output and"} ${outcomeSentence[outcome]}.`;
}

function reversalSentence(reopenings: number, round: number): string {
  const times = reopenings === 1 ? "once" : `${reopenings} times`;
  return `A person with the override authority reopened an earlier decision on this output ${times}, each time for a new review; what is shown here is review round ${round}, and the earlier decisions stay on record.`;
}

/** AI output against the decided output: each changed field of a JSON output, or the whole text. */
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

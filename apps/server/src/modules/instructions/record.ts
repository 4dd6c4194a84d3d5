import { eq, sql } from "drizzle-orm";
import { instructionsForUseSchema, type RecordInstructionsInput } from "@countersign/shared/instructions";
import { instructionsForUse } from "../../db/schema/instructions";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { canonicalJson, newId, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";

/**
 * Records a new version of a system's instructions for use and puts it in force. Earlier versions
 * stay as they were (the table refuses UPDATE and DELETE): a verification names the version it was
 * made under, and the proof pack carries every version in force during its period.
 */
export function recordInstructions(deps: Deps, actor: Actor, input: RecordInstructionsInput) {
  const { systemId, ...given } = input;
  const text = instructionsForUseSchema.parse(given);
  const now = deps.now();
  return write(deps.db, async (tx) => {
    await systemById(tx, systemId);
    const latest = await tx.get<{ version: number | null }>(sql`SELECT max(version) AS version FROM instructions_for_use WHERE system_id = ${systemId}`);
    const version = (latest?.version ?? 0) + 1;
    const id = newId("ifu");
    await tx.insert(instructionsForUse)
      .values({ id, systemId, version, ...text, createdBy: actor.type === "user" ? actor.id : null, createdAt: now })
      .run();
    await tx.update(aiSystems).set({ currentInstructionsId: id }).where(eq(aiSystems.id, systemId)).run();
    await appendAudit(tx, actor, now, {
      action: "instructions.versioned",
      entityType: "ai_system",
      entityId: systemId,
      // The text's digest, so a proof pack's copy of the version can be held against this entry.
      payload: { instructionsId: id, version, contentSha256: instructionsSha256(text) },
    });
    return { id, version };
  });
}

/** SHA-256 of a version's five texts as canonical JSON (RFC 8785): what the audit entry and the proof pack name. */
export function instructionsSha256(text: Record<keyof typeof instructionsForUseSchema.shape, string>): string {
  return sha256(
    canonicalJson({
      provider: text.provider,
      providerContact: text.providerContact,
      intendedPurpose: text.intendedPurpose,
      knownLimitations: text.knownLimitations,
      oversightInstructions: text.oversightInstructions,
    }),
  );
}

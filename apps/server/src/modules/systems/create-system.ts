import { eq } from "drizzle-orm";
import { createSystemInputSchema, type CreateSystemInput } from "@countersign/shared/admin";
import { defaultReviewPolicy } from "@countersign/shared/policy";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";

export async function createSystem(deps: Deps, actor: Actor, input: CreateSystemInput) {
  const { slug, name, description, oversightMode, policy } = createSystemInputSchema.parse(input);
  const id = newId("sys");
  const now = deps.now();
  const row = { id, slug, name, description, oversightMode, policy: policy ?? defaultReviewPolicy, createdAt: now };
  await write(deps.db, async (tx) => {
    if (await tx.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.slug, slug)).get()) {
      throw new AppError("CONFLICT", `an AI system with slug "${slug}" already exists`, [
        { path: "slug", message: "slug is already in use" },
      ]);
    }
    await tx.insert(aiSystems).values(row).run();
    await appendAudit(tx, actor, now, {
      action: "system.created",
      entityType: "ai_system",
      entityId: id,
      payload: { slug, name, oversightMode, policy: row.policy },
    });
  });
  return row;
}

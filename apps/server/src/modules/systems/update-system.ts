import { eq } from "drizzle-orm";
import type { OversightMode } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "./queries";

export async function updateSystem(
  deps: Deps,
  actor: Actor,
  systemId: string,
  change: { name: string; description: string; oversightMode: OversightMode; traceLinkTemplate?: string | null | undefined },
) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const before = await systemById(tx, systemId);
    const after = { ...change, traceLinkTemplate: change.traceLinkTemplate === undefined ? before.traceLinkTemplate : change.traceLinkTemplate };
    await tx.update(aiSystems).set(after).where(eq(aiSystems.id, systemId)).run();
    await appendAudit(tx, actor, now, {
      action: "system.updated",
      entityType: "ai_system",
      entityId: systemId,
      payload: {
        before: { name: before.name, description: before.description, oversightMode: before.oversightMode, traceLinkTemplate: before.traceLinkTemplate },
        after,
      },
    });
  });
}

export async function setReviewPolicy(deps: Deps, actor: Actor, systemId: string, policy: ReviewPolicy) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const before = await systemById(tx, systemId);
    await tx.update(aiSystems).set({ policy }).where(eq(aiSystems.id, systemId)).run();
    await appendAudit(tx, actor, now, {
      action: "system.policy_changed",
      entityType: "ai_system",
      entityId: systemId,
      payload: { before: before.policy, after: policy },
    });
  });
}

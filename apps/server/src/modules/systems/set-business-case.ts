import { eq } from "drizzle-orm";
import type { z } from "zod";
import { businessCaseSchema } from "@countersign/shared/cost-model";
import { aiSystems } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { evaluateDrift } from "../metrics/drift";
import { systemById } from "./queries";

export type BusinessCaseChange = {
  systemId: string;
  businessCase: z.input<typeof businessCaseSchema>;
  /** ISO date-time of go-live; null clears it; omitted leaves it as it is. */
  liveSince?: string | null | undefined;
};

/** Sets the business case the measured figures are held against, and optionally the go-live date. */
export async function setBusinessCase(deps: Deps, actor: Actor, change: BusinessCaseChange) {
  const businessCase = businessCaseSchema.parse(change.businessCase);
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const before = await systemById(tx, change.systemId);
    const liveSince = change.liveSince === undefined ? before.liveSince : change.liveSince === null ? null : Date.parse(change.liveSince);
    await tx.update(aiSystems).set({ businessCase, liveSince }).where(eq(aiSystems.id, change.systemId)).run();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    await appendAudit(tx, actor, now, {
      action: "system.business_case_changed",
      entityType: "ai_system",
      entityId: change.systemId,
      payload: {
        before: { businessCase: before.businessCase, liveSince: iso(before.liveSince) },
        after: { businessCase, liveSince: iso(liveSince) },
      },
    });
  });
  // A new assumed rate or tolerance can open or close a drift alert at once.
  await evaluateDrift(deps, change.systemId);
  return { systemId: change.systemId, businessCase };
}

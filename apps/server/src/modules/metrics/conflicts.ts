import { and, count, eq, gte, isNull, lt } from "drizzle-orm";
import { layerConflicts } from "@countersign/shared/layer-conflicts";
import type { Db } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import type { aiSystems } from "../../db/schema/systems";
import { costFigures } from "./cost";
import { periodsStartingIn, rateOver } from "./reported-periods";
import type { Deps } from "../../lib/context";
import { systemById } from "../systems/queries";
import { resolveWindow, type Window, type WindowInput } from "./window";

/** The layer conflicts of one AI system in the window, worded for a conversation. */
export async function conflictsOf(db: Db, system: typeof aiSystems.$inferSelect, window: Window) {
  const cost = await costFigures(db, system, window);
  const { received } = (await db
    .select({ received: count() })
    .from(escalations)
    .where(
      and(
        eq(escalations.systemId, system.id),
        gte(escalations.receivedAt, window.from),
        lt(escalations.receivedAt, window.to),
        isNull(escalations.goldItemId),
      ),
    )
    .get())!;
  return layerConflicts({
    oversightMode: system.oversightMode,
    assumedRate: system.businessCase?.assumedVerificationRate ?? null,
    escalationsReceived: received,
    // Without a business case there is no cost, but the counts can still contradict each other.
    volume: cost?.verificationRate ?? (await rateOver(db, periodsStartingIn(system.id, window.from, window.to))).rate,
    measuredRate: cost?.measuredRate ?? null,
    costAtMeasuredRate: cost?.costAtMeasuredRate ?? null,
    manualCostPerItem: system.businessCase?.manualCostPerItem ?? null,
    currency: system.businessCase?.currency ?? null,
  });
}

export async function layerConflictsFor(deps: Deps, input: WindowInput) {
  return conflictsOf(deps.db, await systemById(deps.db, input.systemId), resolveWindow(deps.now(), input));
}

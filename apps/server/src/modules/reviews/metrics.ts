import { Counter } from "prom-client";
import type { Outcome } from "@countersign/shared/enums";
import type { Db } from "../../db/client";
import { processMetrics } from "../../lib/metrics";
import { statement } from "../../lib/prepared";

const decisions = new Counter({
  name: "countersign_decisions_total",
  help: "Escalations decided since the server started, by AI system and outcome (gold copies excluded): the decisions AI systems get back",
  labelNames: ["system", "outcome"] as const,
  registers: [processMetrics],
});

const slugs = new WeakMap<Db, Map<string, string>>();

/** Called once a decision has committed: a rolled-back decision is never counted. Gold copies are Countersign's own tests, not counted. */
export async function countDecision(db: Db, escalation: { systemId: string; goldItemId: string | null }, outcome: Outcome) {
  if (escalation.goldItemId !== null) return;
  let known = slugs.get(db);
  if (!known) slugs.set(db, (known = new Map()));
  let slug = known.get(escalation.systemId);
  if (slug === undefined) {
    // A system's slug never changes: one lookup per system per process.
    slug = (await statement(db, "SELECT slug FROM ai_systems WHERE id = ?").value<string>(escalation.systemId)) ?? escalation.systemId;
    known.set(escalation.systemId, slug);
  }
  decisions.inc({ system: slug, outcome });
}

import { goldItemInputSchema, type GoldItemInput } from "@countersign/shared/gold";
import type { Tx } from "../../db/client";
import { goldItems } from "../../db/schema/escalations";
import type { Actor, Deps } from "../../lib/context";
import { AppError, fieldIssues } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";
import { nextArrival } from "./draw";
import { queueGoldCopy } from "./serve";
import { inOrder } from "../../lib/in-order";

/**
 * Adds gold items and queues their first copies; all of them or, on any bad line, none. The first
 * copy arrives now; the copies of a batch follow one another as real arrivals do, not all at once.
 */
export function addGoldItems(deps: Deps, actor: Actor, systemId: string, items: GoldItemInput[]) {
  const parsed = items.map((item) => goldItemInputSchema.parse(item));
  const now = deps.now();
  const random = deps.random ?? Math.random;
  return write(deps.db, async (tx) => {
    await systemById(tx, systemId);
    let arrival = now;
    return await inOrder(parsed, async (item, index) => {
          if (index > 0) arrival = await nextArrival(tx, systemId, arrival, random);
          return insertGold(tx, actor, systemId, item, { now, arrival, random });
        });
  });
}

type When = { now: number; arrival: number; random: () => number };

async function insertGold(tx: Tx, actor: Actor, systemId: string, item: Awaited<ReturnType<typeof goldItemInputSchema.parse>>, when: When) {
  const { now } = when;
  const goldItemId = newId("gold");
  const body = item.escalation;
  await tx.insert(goldItems)
    .values({
      id: goldItemId,
      systemId,
      body,
      expectedOutcome: item.expectedOutcome,
      notes: item.notes,
      createdBy: actor.id ?? null,
      createdAt: now,
    })
    .run();
  await appendAudit(tx, actor, now, {
    action: "gold.added",
    entityType: "gold_item",
    entityId: goldItemId,
    payload: { systemId, expectedOutcome: item.expectedOutcome },
  });
  const escalationId = (await queueGoldCopy(tx, actor, goldItemId, when.arrival, now, when.random))!;
  return { goldItemId, escalationId };
}

/** Parses a JSONL upload; errors name the line and the field. */
export function parseGoldJsonl(jsonl: string): GoldItemInput[] {
  const items: GoldItemInput[] = [];
  const problems: { path: string; message: string }[] = [];
  jsonl.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ path: `line ${index + 1}`, message: "not valid JSON" });
      return;
    }
    const result = goldItemInputSchema.safeParse(value);
    if (result.success) items.push(result.data);
    else for (const issue of fieldIssues(result.error.issues)) problems.push({ path: `line ${index + 1}: ${issue.path}`, message: issue.message });
  });
  if (problems.length > 0) {
    throw new AppError("BAD_REQUEST", `the upload has ${problems.length} problem(s); nothing was imported`, problems);
  }
  if (items.length === 0) throw new AppError("BAD_REQUEST", "the upload holds no gold items", [{ path: "jsonl", message: "no lines" }]);
  return items;
}

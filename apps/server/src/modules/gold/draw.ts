import { and, desc, eq, isNull, lte } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";

/**
 * A gold copy must not stand out by when it arrives or by what it is called. Both are drawn from
 * the system's own recent real escalations, never from the moment a reviewer did something.
 */

const sample = 50;
/** With no real arrivals to imitate yet, a copy arrives within the next ten minutes. */
const fallbackGapMs = 10 * 60_000;

function recentReal(tx: Tx, systemId: string, now: number) {
  return tx
    .select({ externalId: escalations.externalId, receivedAt: escalations.receivedAt })
    .from(escalations)
    .where(and(eq(escalations.systemId, systemId), isNull(escalations.goldItemId), lte(escalations.receivedAt, now)))
    .orderBy(desc(escalations.receivedAt))
    .limit(sample)
    .all();
}

/**
 * When the next copy arrives: `after` plus a gap between two of the system's recent real arrivals,
 * times `scale`. Never in the past, so a copy never appears in the queue with a receivedAt already
 * behind it; the queue and the claim leave it out until then.
 */
export async function nextArrival(tx: Tx, systemId: string, after: number, random: () => number, scale = 1): Promise<number> {
  const times = (await recentReal(tx, systemId, after)).map((r) => r.receivedAt);
  const gaps = times.slice(1).map((t, i) => times[i]! - t).filter((gap) => gap > 0);
  const gap = gaps.length > 0 ? gaps[Math.floor(random() * gaps.length)]! : fallbackGapMs;
  return after + Math.max(1, Math.round(gap * scale * (0.5 + random())));
}

/** The last run of characters holding a digit (hexadecimal letters included), and what surrounds it. */
function lastRun(id: string) {
  const runs = [...id.matchAll(/[0-9a-f]*[0-9][0-9a-f]*/gi)];
  const run = runs.at(-1);
  if (!run) return null;
  const text = run[0];
  const base = /[a-f]/i.test(text) ? 16 : 10;
  return { prefix: id.slice(0, run.index), text, suffix: id.slice(run.index + text.length), base };
}

function randomRun(length: number, base: number, upper: boolean, random: () => number) {
  const digits = Array.from({ length }, (_, i) => Math.floor(random() * base) || (i === 0 && length > 1 && base === 10 ? 1 : 0));
  const text = digits.map((d) => d.toString(base)).join("");
  return upper ? text.toUpperCase() : text;
}

/**
 * An externalId shaped like the system's recent real ones: one of them with its last number
 * replaced by an unused value between the lowest and highest recent values of that shape (so a
 * rising sequence stays in its range), or by random digits of the same length when there is no
 * room; never one the system has used before, for a real escalation or a gold copy.
 */
export async function goldExternalId(tx: Tx, systemId: string, templateExternalId: string, now: number, random: () => number): Promise<string> {
  const recent = (await recentReal(tx, systemId, now)).map((r) => r.externalId);
  const models = recent.length > 0 ? recent : [templateExternalId];
  const taken = async (id: string) =>
    await tx.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.systemId, systemId), eq(escalations.externalId, id))).get() !==
    undefined;
  for (let attempt = 0; attempt < 30; attempt++) {
    const model = models[Math.floor(random() * models.length)]!;
    const run = lastRun(model);
    if (!run) return `${model}-${randomRun(4, 10, false, random)}`;
    const upper = run.text !== run.text.toLowerCase();
    const sameShape = models
      .map(lastRun)
      .filter((r) => r && r.prefix === run.prefix && r.suffix === run.suffix && r.text.length === run.text.length && r.base === run.base)
      .map((r) => parseInt(r!.text, run.base));
    const low = Math.min(...sameShape);
    const high = Math.max(...sameShape);
    const inRange = run.text.length <= 12 && high - low >= 2 && attempt < 20;
    const text = inRange
      ? (low + 1 + Math.floor(random() * (high - low - 1))).toString(run.base).padStart(run.text.length, "0")
      : randomRun(run.text.length + (attempt >= 25 ? 1 : 0), run.base, upper, random);
    const candidate = `${run.prefix}${upper ? text.toUpperCase() : text}${run.suffix}`;
    if (!await taken(candidate)) return candidate;
  }
  return `${templateExternalId}-${randomRun(6, 10, false, random)}`;
}

/** The template's due time moved with the copy's arrival, written the way the template wrote it. */
export function shiftedDueAt(dueAt: string | undefined, templateAddedAt: number, receivedAt: number): string | undefined {
  if (dueAt === undefined) return undefined;
  const shifted = new Date(Date.parse(dueAt) - templateAddedAt + receivedAt).toISOString();
  return dueAt.includes(".") ? shifted : shifted.replace(/\.\d{3}Z$/, "Z");
}

import type { Db } from "../../db/client";
import { rawStatement, statement } from "../../lib/prepared";
import { everySystem } from "../../db/schema/tallies";
import { dayMs, dayOf } from "./counts";
import { DayTally } from "./day-tally";
import { allTallyColumns, tallyColumns, tallyRowOf } from "./record";

export type TallyWindow = { from: number; to: number; systemId: string | null };
type GoldCounts = { decided: number; caught: number };

/**
 * The UTC days of a window [from, to): the whole ones [firstWhole, endWhole), and the first and
 * last when the window starts or ends within them (a window rarely starts at midnight UTC).
 */
function daysOf(window: { from: number; to: number }) {
  if (window.to <= window.from) return { firstWhole: 0, endWhole: 0, cutBefore: [], cutAfter: [] };
  const first = dayOf(window.from);
  const last = dayOf(window.to - 1);
  const firstWhole = window.from > first * dayMs ? first + 1 : first;
  const endWhole = window.to < (last + 1) * dayMs ? last : last + 1;
  // A window within one day cuts that day once, before any whole day.
  return { firstWhole, endWhole, cutBefore: first < firstWhole ? [first] : [], cutAfter: last >= endWhole && last >= firstWhole ? [last] : [] };
}

/**
 * Every reviewer-day of a window [from, to), in day order, from verification_tallies alone: whole
 * UTC days as tallied, and of a day the window starts or ends within, the part inside it
 * (DayTally.part, from the day's instants and facts) — never the verifications themselves.
 */
export async function talliesInWindow(db: Db, window: TallyWindow): Promise<DayTally[]> {
  const { firstWhole, endWhole, cutBefore, cutAfter } = daysOf(window);
  const systemId = window.systemId ?? everySystem;
  const parts = async (days: number[]) => {
    const found: DayTally[] = [];
    for (const day of days) {
      for (const row of (await rawStatement(db, cutDaySql).all(day, systemId)) as unknown[][]) {
        const part = DayTally.fromRow(tallyRowOf(row)).part(window.from, window.to);
        if (part.counts.decisions > 0) found.push(part);
      }
    }
    return found;
  };
  const before = await parts(cutBefore);
  const whole = firstWhole < endWhole ? ((await rawStatement(db, wholeDaysSql).all(firstWhole, endWhole, systemId)) as unknown[][]) : [];
  return [...before, ...whole.map((row) => DayTally.fromRow(tallyRowOf(row))), ...(await parts(cutAfter))];
}

const cutDaySql = `SELECT ${allTallyColumns} FROM verification_tallies WHERE day = ? AND system_id = ?`;
const wholeDaysSql = `SELECT ${tallyColumns} FROM verification_tallies WHERE day >= ? AND day < ? AND system_id = ? ORDER BY day`;

/** Gold decisions (decided, caught) per AI system in the window, from each system's reviewer-days (a cut day's part as above). */
export async function goldInWindow(db: Db, window: TallyWindow): Promise<Map<string, GoldCounts>> {
  const { firstWhole, endWhole, cutBefore, cutAfter } = daysOf(window);
  const systems = `(CAST(:systemId AS TEXT) IS NULL AND system_id <> '${everySystem}' OR system_id = :systemId) AND gold_decided > 0`;
  const gold = new Map<string, GoldCounts>();
  const add = (systemId: string, decided: number, caught: number) => {
    const counts = gold.get(systemId) ?? { decided: 0, caught: 0 };
    counts.decided += decided;
    counts.caught += caught;
    gold.set(systemId, counts);
  };
  const cutDay = rawStatement(db, `SELECT ${allTallyColumns} FROM verification_tallies WHERE day = :day AND ${systems}`);
  for (const day of [...cutBefore, ...cutAfter]) {
    for (const row of (await cutDay.all({ day, systemId: window.systemId })) as unknown[][]) {
      const part = DayTally.fromRow(tallyRowOf(row)).part(window.from, window.to);
      add(part.systemId, part.counts.goldN, part.counts.goldCaught);
    }
  }
  if (firstWhole < endWhole) {
    const rows = await statement(
      db,
      `SELECT system_id AS systemId, CAST(sum(gold_decided) AS BIGINT) AS decided, CAST(sum(gold_caught) AS BIGINT) AS caught FROM verification_tallies
        WHERE day >= :firstWhole AND day < :endWhole AND ${systems} GROUP BY system_id`,
    ).all<GoldCounts & { systemId: string }>({ firstWhole, endWhole, systemId: window.systemId });
    for (const { systemId, decided, caught } of rows) add(systemId, decided, caught);
  }
  return gold;
}

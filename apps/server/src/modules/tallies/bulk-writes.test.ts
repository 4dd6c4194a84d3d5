import { describe, expect, it } from "vitest";
import { pgEscalationTalliesSql } from "../../db/pg/tallies-sql";
import { engineOf } from "../../db/transaction";
import { inOrder } from "../../lib/in-order";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { insertDecided, insertQueued } from "../../testing/bulk";
import { addSystem, addUser, testDeps } from "../../testing/fixtures";
import { escalationTalliesSql } from "./escalation-triggers";

/*
 * escalation_tallies is kept by triggers whatever writes the rows. PostgreSQL counts a statement's
 * rows together (one upsert per tally, not per row): a statement that writes many rows across
 * several days, reasons and gold copies must leave what counting afresh finds.
 */

const talliesOf = (db: Parameters<typeof statement>[0]) =>
  statement(db, "SELECT * FROM escalation_tallies ORDER BY system_id, day, reason_code, model").all<Record<string, unknown> & { active_seconds: string }>();
/** Active seconds as counts; a count taken back to 0 stays a key in what the triggers keep, and is absent counted afresh. */
const comparable = (rows: Awaited<ReturnType<typeof talliesOf>>) =>
  rows.map((row) => ({ ...row, active_seconds: Object.entries(JSON.parse(row.active_seconds) as Record<string, number>).filter(([, n]) => n !== 0).sort() }));

describe("escalation tallies after bulk writes", () => {
  it("many escalations and verifications written and deleted in single statements tally what counting afresh finds", async () => {
    const { deps } = testDeps(Date.parse("2026-11-22T09:00:00Z"));
    const { system } = await addSystem(deps, "refund-triage");
    const reviewers = await inOrder(["ana", "ben", "cy"], (name) => addUser(deps, `${name}@example.com`, ["reviewer"]));
    // Queued over the last day (two UTC days, three reasons), decided over three days with a verification each.
    await insertQueued(deps.db, system.id, 400, { now: deps.now() });
    await insertDecided(deps.db, { systemId: system.id, count: 150, reviewerIds: reviewers.map((r) => r.id), days: 3, now: deps.now() });
    await write(deps.db, async (tx) => {
      // Gold copies among ordinary rows in one statement: the tallies leave gold out.
      await statement(
        tx,
        `INSERT INTO escalations (id, system_id, external_id, request_hash, input_json, ai_output_json, confidence, model, reason_code, reason_explanation,
                context_summary, priority, priority_rank, status, received_at, gold_item_id)
         SELECT 'copy_' || id, system_id, 'copy-' || external_id, request_hash, input_json, ai_output_json, confidence, 'copy-model', reason_code, reason_explanation,
                context_summary, priority, priority_rank, status, received_at, CASE WHEN external_id LIKE '%1' THEN 'gold_1' END
           FROM escalations WHERE id LIKE 'esc_hist_%'`,
      ).run();
      // Superseded ones among them, then a purge-like delete of a third across days and reviewers.
      await statement(tx, "UPDATE verifications SET superseded_at = decided_at + 1 WHERE id LIKE '%5'").run();
      await statement(tx, "DELETE FROM verifications WHERE id LIKE '%0' OR id LIKE '%3' OR id LIKE '%7'").run();
    });
    const kept = await talliesOf(deps.db);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.reduce((sum, row) => sum + Number(row.escalations), 0)).toBe(400 + 150 + 135);
    await write(deps.db, async (tx) => {
      await statement(tx, "DELETE FROM escalation_tallies").run();
      await statement(tx, engineOf(tx) === "postgres" ? pgEscalationTalliesSql.backfill : escalationTalliesSql.at(-1)!).run();
    });
    expect(comparable(await talliesOf(deps.db))).toEqual(comparable(kept));
    await deps.db.$client.close();
  });
});

import { describe, expect, it } from "vitest";
import { testEngine } from "../../db/pg/test-database";
import type { Deps } from "../../lib/context";
import { reopenDb } from "../../testing/fixtures";
import { webhookHeaders, webhookReceivers } from "../../testing/webhook-receiver";
import { webhookSetting } from "./webhook-testing";
import { deliverDue } from "./deliver";
import { fanOutEvents } from "./fan-out";
import { runWebhooksOnce } from "./worker";

const receiver = webhookReceivers();

/** Ten events for one endpoint, and a second handle on the same database: another process. */
async function tenEventsTwoProcesses() {
  const s = await webhookSetting();
  const hooks = await receiver();
  await s.register(hooks.url, ["system.halted", "system.resumed"]);
  for (let i = 0; i < 5; i++) {
    await s.halt();
    await s.resume();
  }
  const other: Deps = { ...s.t.deps, db: reopenDb(s.t.deps.db, s.t.path) };
  return { s, hooks, other };
}

// Several server processes share one database only on PostgreSQL. (Two handles on one SQLite file in
// one process would stall each other: better-sqlite3 waits for the file's lock synchronously.)
describe.skipIf(testEngine() !== "postgres")("two server processes on one database", () => {
  it("send each event to each endpoint once, however their rounds overlap", async () => {
    const { s, hooks, other } = await tenEventsTwoProcesses();
    for (let round = 0; round < 3; round++) {
      await Promise.all([runWebhooksOnce(s.t.deps), runWebhooksOnce(other), runWebhooksOnce(s.t.deps), runWebhooksOnce(other)]);
    }
    expect(hooks.received).toHaveLength(10);
    expect(new Set(hooks.received.map((request) => webhookHeaders(request)["webhook-id"])).size).toBe(10);
    expect((await s.deliveries()).map((d) => d.status)).toEqual(Array(10).fill("delivered"));
    other.db.$client.close();
  });

  it("take each due delivery once: a delivery one holds, the other does not send", async () => {
    const { s, hooks, other } = await tenEventsTwoProcesses();
    await fanOutEvents(s.t.deps);
    const options = { concurrency: 3, timeoutMs: 5_000 };
    for (let round = 0; round < 4; round++) {
      await Promise.all([deliverDue(s.t.deps, options), deliverDue(other, options), deliverDue(s.t.deps, options), deliverDue(other, options)]);
    }
    expect(hooks.received).toHaveLength(10);
    other.db.$client.close();
  });
});

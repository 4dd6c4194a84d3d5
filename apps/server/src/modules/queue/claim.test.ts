import { Worker } from "node:worker_threads";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { verifyAuditLog } from "../../audit/verify";
import { sweepExpiredLeases } from "./leases";
import { inOrder } from "../../lib/in-order";
import type { Db } from "../../db/client";
import { testEngine } from "../../db/pg/test-database";
import { statement } from "../../lib/prepared";

const workerUrl = new URL("./claim-worker.ts", import.meta.url).href;

/** On PostgreSQL, the URL of the test's database, for the workers' own connections (on SQLite they open the file). */
async function databaseUrl(db: Db) {
  if (testEngine() === "sqlite") return undefined;
  const url = new URL(process.env.COUNTERSIGN_TEST_DATABASE_URL!);
  url.pathname = `/${await statement(db, "SELECT current_database()").value<string>()}`;
  return url.toString();
}

describe("claiming", () => {
  it("8 reviewers claiming at once on 4 items get exactly 4 claims, no item twice", async () => {
    const { deps, path } = testDeps(Date.now());
    const url = await databaseUrl(deps.db);
    const { system } = await addSystem(deps);
    for (let i = 0; i < 4; i++) await receiveEscalation(deps, system.id, escalationBody({ externalId: `item-${i}` }));
    const reviewerIds = await inOrder(Array.from({ length: 8 }, (_, i) => i), async (i) => (await addUser(deps, `r${i}@example.com`, ["reviewer"])).id);

    const barrier = new SharedArrayBuffer(4);
    const workers = reviewerIds.map(
      (reviewerId) =>
        // Each worker loads the TypeScript claimer through tsx's loader, then opens its own connection.
        new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`,
          { eval: true, workerData: { path, url, reviewerId, barrier } },
        ),
    );
    const ready: Promise<void>[] = [];
    const results = workers.map((worker) => {
      ready.push(new Promise((resolve) => worker.once("message", () => resolve())));
      return new Promise<string | null>((resolve, reject) => {
        worker.once("error", reject);
        worker.on("message", (message: { claimed?: string | null }) => {
          if ("claimed" in message) resolve(message.claimed ?? null);
        });
      });
    });
    await Promise.all(ready); // every claimer is connected and waiting at the barrier
    const flag = new Int32Array(barrier);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    const claimed = await Promise.all(results);

    const won = claimed.filter((id): id is string => id !== null);
    expect(won).toHaveLength(4);
    expect(new Set(won).size).toBe(4);
    const held = await statement(deps.db, "SELECT count(*) AS n, count(DISTINCT lease_holder_id) AS holders FROM escalations WHERE status = 'in_review'").get() as { n: number; holders: number };
    expect(held).toEqual({ n: 4, holders: 4 });
    expect((await verifyAuditLog(deps.db)).ok).toBe(true);
    // Each worker (a thread, as SQLite's connections block their thread while they wait for the
    // write lock) loads the server's modules through tsx before the barrier: seconds of CPU apiece
    // on a 2-core runner. The race itself is decided at the barrier, not by this limit. Fifty
    // claimers over two processes race on PostgreSQL in several-processes.test.ts.
  }, 180_000);

  it("serves the most urgent, then the oldest item first", async () => {
    const { deps, advance } = testDeps();
    const { system } = await addSystem(deps);
    await receiveEscalation(deps, system.id, escalationBody({ externalId: "old-normal" }));
    advance(60);
    await receiveEscalation(deps, system.id, escalationBody({ externalId: "new-urgent", priority: "urgent" }));
    advance(60);
    await receiveEscalation(deps, system.id, escalationBody({ externalId: "newer-urgent", priority: "urgent" }));
    const ids = (await inOrder(["a", "b", "c"], (n) => addUser(deps, `${n}@example.com`, ["reviewer"])));
    const order = [];
    for (const reviewer of ids) {
      const claim = await callerFor(deps, reviewer).queue.claimNext({});
      order.push(await statement(deps.db, "SELECT external_id FROM escalations WHERE id = ?").value(claim!.escalationId));
    }
    expect(order).toEqual(["new-urgent", "newer-urgent", "old-normal"]);
  });

  it("gives a reviewer who already holds a lease that item again instead of a second one", async () => {
    const { deps } = testDeps();
    const { system } = await addSystem(deps);
    await receiveEscalation(deps, system.id, escalationBody());
    await receiveEscalation(deps, system.id, escalationBody());
    const caller = callerFor(deps, await addUser(deps, "a@example.com", ["reviewer"]));
    const first = await caller.queue.claimNext({});
    const second = await caller.queue.claimNext({});
    expect(second?.escalationId).toBe(first?.escalationId);
  });

  it("while a lease is held nobody else can claim, open or decide the item", async () => {
    const { deps, advance } = testDeps();
    const { system } = await addSystem(deps);
    const { id } = await receiveEscalation(deps, system.id, escalationBody());
    const holder = callerFor(deps, await addUser(deps, "a@example.com", ["reviewer"]));
    const other = callerFor(deps, await addUser(deps, "b@example.com", ["reviewer"]));
    await holder.queue.claim({ escalationId: id });
    await expect(other.queue.claim({ escalationId: id })).rejects.toThrow(/another reviewer holds/);
    await expect(other.reviews.view({ escalationId: id })).rejects.toThrow(/only the reviewer holding the lease/);
    await expect(other.queue.release({ escalationId: id })).rejects.toThrow(/do not hold/);
    advance(60);
    await expect(
      other.reviews.decide({
        escalationId: id,
        outcome: "rejected",
        checklist: { "matches-request": "no", "within-policy": "no" },
        rationale: "Trying to decide an item somebody else is holding right now.",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an expired lease returns its item to the queue, audit-logged", async () => {
    const { deps, advance } = testDeps();
    const { system } = await addSystem(deps, "refund-triage", { leaseMinutes: 5 });
    const { id } = await receiveEscalation(deps, system.id, escalationBody());
    const first = callerFor(deps, await addUser(deps, "a@example.com", ["reviewer"]));
    const second = callerFor(deps, await addUser(deps, "b@example.com", ["reviewer"]));
    await first.queue.claimNext({});
    expect(await second.queue.claimNext({})).toBeNull();
    advance(5 * 60 + 1);
    expect(await sweepExpiredLeases(deps)).toBe(1);
    expect((await second.queue.claimNext({}))?.escalationId).toBe(id);
    const actions = await statement(deps.db, "SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq").column(id);
    expect(actions).toEqual(["escalation.received", "escalation.claimed", "escalation.lease_expired", "escalation.claimed"]);
  });

  it("a claim frees the leases that ran out itself, without waiting for the sweep, and never hands back a lease that ran out", async () => {
    const { deps, advance } = testDeps();
    const { system } = await addSystem(deps, "refund-triage", { leaseMinutes: 5 });
    const { id } = await receiveEscalation(deps, system.id, escalationBody());
    const first = callerFor(deps, await addUser(deps, "a@example.com", ["reviewer"]));
    const second = callerFor(deps, await addUser(deps, "b@example.com", ["reviewer"]));
    const held = await first.queue.claimNext({});
    advance(5 * 60 + 1);
    // The holder's own lease ran out: their next claim is a new one, with a new lease.
    const again = await first.queue.claimNext({});
    expect(again?.escalationId).toBe(id);
    expect(again!.leaseExpiresAt).toBeGreaterThan(held!.leaseExpiresAt);
    advance(5 * 60 + 1);
    expect((await second.queue.claimNext({}))?.escalationId).toBe(id);
    const actions = await statement(deps.db, "SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq").column(id);
    expect(actions).toEqual([
      "escalation.received",
      "escalation.claimed",
      "escalation.lease_expired",
      "escalation.claimed",
      "escalation.lease_expired",
      "escalation.claimed",
    ]);
    expect(await sweepExpiredLeases(deps)).toBe(0);
  });

  it.runIf(testEngine() === "postgres")("on PostgreSQL, a claim from two systems, each probed for real and gold items, is six round trips", async () => {
    const { deps } = testDeps();
    const reviewer = await addUser(deps, "a@example.com", ["reviewer"]);
    for (const slug of ["refunds", "kyc"]) {
      const { system } = await addSystem(deps, slug, { goldRate: 0.1 });
      await receiveEscalation(deps, system.id, escalationBody());
    }
    const sent = vi.spyOn(pg.Client.prototype, "query");
    try {
      expect(await callerFor(deps, reviewer).queue.claimNext({})).not.toBeNull();
      const texts = sent.mock.calls.map(([query]) => (typeof query === "string" ? query : (query as { text: string }).text).trim().split(/\s+/).slice(0, 3).join(" "));
      // BEGIN with the audit log's lock and head; the leases and the systems; every probe; the claim; its audit entry; COMMIT.
      expect(texts).toHaveLength(6);
      expect(texts[0]).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock/);
      expect(texts.at(-1)).toBe("COMMIT");
    } finally {
      sent.mockRestore();
    }
  });

  it("release hands the item back to the queue", async () => {
    const { deps } = testDeps();
    const { system } = await addSystem(deps);
    const { id } = await receiveEscalation(deps, system.id, escalationBody());
    const caller = callerFor(deps, await addUser(deps, "a@example.com", ["reviewer"]));
    await caller.queue.claim({ escalationId: id });
    await caller.queue.release({ escalationId: id });
    const queue = await caller.queue.list({});
    expect(queue.rows[0]).toMatchObject({ id, status: "queued", leaseHolderId: null });
  });
});

import { vi } from "vitest";
import { buildApp } from "../../app";
import { unlimitedLimiterStore } from "../../lib/rate-limits";
import { addSystem, addUser, reopenDb, testDeps } from "../../testing/fixtures";
import type { TestResponse } from "../../testing/operations";
import { haltSystem, resumeSystem } from "../systems/halt";
import { runWebhooksOnce } from "./worker";
import { statement } from "../../lib/prepared";

/**
 * One AI system with a key, an admin, and a clock the test moves. Date is faked to follow the
 * clock, so a receiver's standardwebhooks check (which refuses timestamps over five minutes off
 * its own clock) sees the sender's time, and backoff waits are skipped by moving the clock.
 */
export async function webhookSetting() {
  const t = testDeps(Date.parse("2026-11-22T09:00:00Z"));
  vi.useFakeTimers({ toFake: ["Date"], now: t.deps.now() });
  t.deps.allowPrivateWebhookUrls = true;
  t.deps.random = () => 0.5;
  const { key, system } = await addSystem(t.deps);
  const admin = await addUser(t.deps, "admin@example.com", ["admin"]);
  let app = buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore });
  const s = {
    t,
    key,
    system,
    admin,
    advance(seconds: number) {
      t.advance(seconds);
      vi.setSystemTime(t.deps.now());
    },
    async rest(method: string, path: string, body?: unknown, apiKey = key) {
      return (await app.request(`/api/v1/webhook-endpoints${path}`, {
        method,
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })) as TestResponse;
    },
    async register(url: string, events: string[]) {
      const res = await s.rest("POST", "", { url, events });
      if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; secret: string };
    },
    halt: () => haltSystem(t.deps, { type: "user", id: admin.id }, { systemId: system.id, reason: "Refunds above the policy limit in production." }),
    resume: () => resumeSystem(t.deps, { type: "user", id: admin.id }, { systemId: system.id, reason: "Model rolled back." }),
    /** Sends, then moves the clock to the next due retry, until nothing is pending (or `rounds` run out). */
    async deliverAll(rounds = 50) {
      for (let round = 0; round < rounds; round++) {
        await runWebhooksOnce(t.deps);
        // A round can write events of its own (an endpoint disabled): they go out in the next.
        if (await statement(t.deps.db, "SELECT 1 FROM outbox_events WHERE delivered_at IS NULL").get()) continue;
        const next = await statement(t.deps.db, "SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending'").value() as number | null;
        if (next === null) return;
        if (next > t.deps.now()) s.advance((next - t.deps.now()) / 1000);
      }
    },
    /** The server restarts: a new connection, app and sender on the same database; nothing kept in memory survives. */
    restart() {
      const before = t.deps.db;
      t.deps.db = reopenDb(before, t.path);
      before.$client.close();
      app = buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore });
    },
    deliveries: async () =>
      await statement(t.deps.db, "SELECT endpoint_id AS endpointId, event_type AS eventType, status, attempts, message_id AS messageId FROM webhook_deliveries ORDER BY created_at, id").all() as {
        endpointId: string;
        eventType: string;
        status: string;
        attempts: number;
        messageId: string;
      }[],
  };
  return s;
}

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { webhookHeaders, webhookReceivers } from "../../testing/webhook-receiver";
import { callerFor } from "../../testing/fixtures";
import { webhookSetting } from "./webhook-testing";
import { statement } from "../../lib/prepared";

const receiver = webhookReceivers();

const day = 86_400;

describe("disabling endpoints", () => {
  it("410 Gone disables the endpoint at once, with the reason shown to admins; the system's other endpoints hear of it, the disabled one never does", async () => {
    const s = await webhookSetting();
    const gone = await receiver(() => 410);
    const watcher = await receiver();
    const { id: goneId } = await s.register(gone.url, ["system.halted", "system.resumed", "webhook_endpoint.disabled"]);
    const { secret: watcherSecret } = await s.register(watcher.url, ["webhook_endpoint.disabled"]);
    await s.halt();
    await s.deliverAll();
    expect(gone.received).toHaveLength(1);

    const [endpoint] = (await callerFor(s.t.deps, s.admin).webhooks.list({ systemId: s.system.id })).filter((e) => e.id === goneId);
    expect(endpoint).toMatchObject({ status: "disabled", disabledReason: expect.stringContaining("410 Gone") });
    expect(watcher.received).toHaveLength(1);
    const event = new Webhook(watcherSecret).verify(watcher.received[0]!.body, webhookHeaders(watcher.received[0]!)) as { type: string; data: Record<string, unknown> };
    expect(event).toMatchObject({ type: "webhook_endpoint.disabled", data: { endpointId: goneId, url: gone.url, reason: expect.stringContaining("410") } });

    await s.resume();
    await s.deliverAll();
    expect(gone.received).toHaveLength(1);
    const audit = await statement(s.t.deps.db, "SELECT actor_type, entity_id FROM audit_log WHERE action = 'webhook_endpoint.disabled'").all();
    expect(audit).toEqual([{ actor_type: "server", entity_id: goneId }]);
  });

  it("an endpoint failing for five days without one success is disabled with a visible reason; retries go on for three days per event", async () => {
    const s = await webhookSetting();
    const down = await receiver(() => 500);
    const { id } = await s.register(down.url, ["system.halted", "system.resumed"]);
    await s.halt();
    // The first event's retries cover three days, then stop.
    await s.deliverAll();
    const first = down.received.map((r) => Number(r.headers["webhook-timestamp"]));
    expect(first.at(-1)! - first[0]!).toBe(3 * day);
    expect(await s.deliveries()).toEqual([expect.objectContaining({ status: "failed" })]);
    const caller = callerFor(s.t.deps, s.admin);
    expect((await caller.webhooks.list({ systemId: s.system.id }))[0]).toMatchObject({ status: "active", failingSince: "2026-11-22T09:00:00.000Z" });

    // A second event keeps failing past day five: the endpoint is disabled.
    await s.resume();
    await s.deliverAll();
    const [endpoint] = await caller.webhooks.list({ systemId: s.system.id });
    expect(endpoint).toMatchObject({ id, status: "disabled", disabledReason: expect.stringMatching(/failed for 5 days, since 2026-11-22T09:00:00.000Z; the last: 500/) });
    const lastAttempt = Number(down.received.at(-1)!.headers["webhook-timestamp"]);
    expect(lastAttempt - first[0]!).toBeGreaterThanOrEqual(5 * day);
    expect(lastAttempt - first[0]!).toBeLessThan(5 * day + 7 * 3600);
  });

  it("a success in between starts the five days again", async () => {
    const s = await webhookSetting();
    let up = false;
    const flaky = await receiver(() => (up ? 200 : 500));
    await s.register(flaky.url, ["system.halted", "system.resumed"]);
    await s.halt();
    await s.deliverAll(3);
    up = true;
    await s.deliverAll();
    up = false;
    s.advance(4 * day);
    await s.resume();
    await s.deliverAll();
    const [endpoint] = await callerFor(s.t.deps, s.admin).webhooks.list({ systemId: s.system.id });
    expect(endpoint).toMatchObject({ status: "active" });
  });
});

import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { publicKeyFromPem, signingKeyFor, verifyValue } from "../../audit/signing-key";
import { webhookHeaders, webhookReceivers } from "../../testing/webhook-receiver";
import { fanOutEvents } from "./fan-out";
import { webhookSetting } from "./webhook-testing";
import { runWebhooksOnce } from "./worker";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";

const receiver = webhookReceivers();

describe("webhook delivery", () => {
  it("a halt is pushed signed per Standard Webhooks, carrying the signed state exactly as GET /api/v1/system returns it", async () => {
    const s = await webhookSetting();
    const hooks = await receiver();
    const { secret } = await s.register(hooks.url, ["system.halted", "system.resumed"]);
    await s.halt();
    s.advance(60);
    await s.resume();
    await s.deliverAll();

    expect(hooks.received).toHaveLength(2);
    const [halted, resumed] = hooks.received.map((request) => new Webhook(secret).verify(request.body, webhookHeaders(request))) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    }[];
    expect(halted).toMatchObject({ type: "system.halted", timestamp: "2026-11-22T09:00:00.000Z", data: { slug: "refund-triage", state: "halted", seq: 1 } });
    expect(resumed).toMatchObject({ type: "system.resumed", data: { state: "active", seq: 2 } });
    // The same fields, signed the same way, as the poll answers right after the resume.
    const polled = await fetchState(s);
    expect(Object.keys(resumed!.data).sort()).toEqual(Object.keys(polled).sort());
    expect({ ...resumed!.data, issuedAt: null, signature: null }).toEqual({ ...polled, issuedAt: null, signature: null });
    const { signature, ...signed } = halted!.data;
    const key = signingKeyFor(s.t.deps.db);
    expect(verifyValue(publicKeyFromPem(key.publicKeyPem), signed, signature as string)).toBe(true);
    expect((await s.deliveries()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
  });

  it("a receiver that fails three times and then recovers gets the event, every attempt with the same webhook-id", async () => {
    const s = await webhookSetting();
    const hooks = await receiver((n) => (n <= 3 ? 503 : 200));
    const { secret, id } = await s.register(hooks.url, ["system.halted"]);
    await s.halt();
    await s.deliverAll();

    expect(hooks.received).toHaveLength(4);
    expect(new Set(hooks.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const request of hooks.received) expect(() => new Webhook(secret).verify(request.body, webhookHeaders(request))).not.toThrow();
    expect(await s.deliveries()).toEqual([expect.objectContaining({ endpointId: id, status: "delivered", attempts: 4 })]);
    // Operators see the same in Prometheus: the failures counted, the delivery delivered.
    // (The counters are the process's, which earlier test files in the same worker may have counted too.)
    const metrics = await (await buildApp(s.t.deps).request("/metrics")).text();
    const counted = (result: string) => Number(new RegExp(`countersign_webhook_attempts_total\\{event="system.halted",result="${result}"\\} (\\d+)`).exec(metrics)?.[1]);
    expect(counted("failed")).toBeGreaterThanOrEqual(3);
    expect(counted("delivered")).toBeGreaterThanOrEqual(1);
    expect(metrics).toContain('countersign_webhook_deliveries{status="delivered"} 1');
    // Exponential with jitter: each wait longer than the one before.
    const times = hooks.received.map((r) => Number(r.headers["webhook-timestamp"]));
    const waits = times.slice(1).map((at, i) => at - times[i]!);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(waits[2]).toBeGreaterThan(waits[1]!);
  });

  it("a restart in the middle of retrying loses nothing: the new process sends what the old one had not delivered", async () => {
    const s = await webhookSetting();
    let down = true;
    const hooks = await receiver(() => (down ? 500 : 204));
    const { secret } = await s.register(hooks.url, ["system.halted", "system.resumed"]);
    await s.halt();
    await s.deliverAll(2);
    expect(hooks.received.length).toBeGreaterThanOrEqual(1);
    await s.resume(); // written to the outbox, not yet fanned out, when the process stops

    s.restart();
    down = false;
    await s.deliverAll();

    const delivered = hooks.received.filter((_, i) => i >= hooks.received.length - 2);
    const types = delivered.map((r) => (new Webhook(secret).verify(r.body, webhookHeaders(r)) as { type: string }).type).sort();
    expect(types).toEqual(["system.halted", "system.resumed"]);
    expect((await s.deliveries()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
  });

  it("a delivery taken by a sender that died mid-request is sent again once its hold lapses", async () => {
    const s = await webhookSetting();
    const hooks = await receiver();
    const { secret } = await s.register(hooks.url, ["system.halted"]);
    await s.halt();
    await fanOutEvents(s.t.deps);
    // What a sender leaves behind when killed between taking a delivery and recording its answer.
    await write(s.t.deps.db, () => statement(s.t.deps.db, "UPDATE webhook_deliveries SET held_until = ?").run(s.t.deps.now() + 70_000));
    s.restart();
    await runWebhooksOnce(s.t.deps);
    expect(hooks.received).toEqual([]);
    s.advance(71);
    await runWebhooksOnce(s.t.deps);
    expect(hooks.received).toHaveLength(1);
    expect(() => new Webhook(secret).verify(hooks.received[0]!.body, webhookHeaders(hooks.received[0]!))).not.toThrow();
    expect(await s.deliveries()).toEqual([expect.objectContaining({ status: "delivered", attempts: 1 })]);
  });

  it("a tampered body fails verification at the receiver", async () => {
    const s = await webhookSetting();
    const hooks = await receiver();
    const { secret } = await s.register(hooks.url, ["system.halted"]);
    await s.halt();
    await s.deliverAll();
    const [request] = hooks.received;
    const tampered = request!.body.replace('"state":"halted"', '"state":"active"');
    expect(tampered).not.toBe(request!.body);
    expect(() => new Webhook(secret).verify(tampered, webhookHeaders(request!))).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(request!.body, webhookHeaders(request!))).not.toThrow();
  });

  it("events an endpoint did not subscribe to are not sent to it", async () => {
    const s = await webhookSetting();
    const haltsOnly = await receiver();
    const resumesOnly = await receiver();
    await s.register(haltsOnly.url, ["system.halted"]);
    await s.register(resumesOnly.url, ["system.resumed", "escalation.decided"]);
    await s.halt();
    await s.resume();
    await s.deliverAll();
    expect(haltsOnly.received.map((r) => JSON.parse(r.body).type)).toEqual(["system.halted"]);
    expect(resumesOnly.received.map((r) => JSON.parse(r.body).type)).toEqual(["system.resumed"]);
  });

  it("an event that happened before an endpoint was registered is not sent to it", async () => {
    const s = await webhookSetting();
    await s.halt();
    s.advance(1);
    const hooks = await receiver();
    await s.register(hooks.url, ["system.halted", "system.resumed"]);
    await s.resume();
    await s.deliverAll();
    expect(hooks.received.map((r) => JSON.parse(r.body).type)).toEqual(["system.resumed"]);
  });
});

async function fetchState(s: Awaited<ReturnType<typeof webhookSetting>>) {
  const res = await buildApp(s.t.deps).request("/api/v1/system", { headers: { authorization: `Bearer ${s.key}` } });
  return (await res.json()) as Record<string, unknown>;
}

import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { eventTypes } from "@countersign/shared/events";
import { operator } from "../../lib/context";
import { write } from "../../lib/tx";
import { addSystem, addUser, callerFor, escalationBody } from "../../testing/fixtures";
import { webhookHeaders, webhookReceivers } from "../../testing/webhook-receiver";
import { verifyAuditLog } from "../../audit/verify";
import { addGoldItems } from "../gold/add-gold";
import { appendOutbox } from "../outbox/append";
import { webhookSetting } from "./webhook-testing";
import { statement } from "../../lib/prepared";

const receiver = webhookReceivers();

describe("webhook endpoints over REST, with the AI system's key", () => {
  it("registers an endpoint and shows its secret once; lists, reads and deletes it without the secret; every change is audited", async () => {
    const s = await webhookSetting();
    const created = await s.rest("POST", "", { url: "http://127.0.0.1:9/hooks", events: ["escalation.decided", "system.halted", "system.halted"] });
    expect(created.status).toBe(201);
    const endpoint = await created.json();
    expect(endpoint).toMatchObject({ id: expect.stringMatching(/^whe_/), url: "http://127.0.0.1:9/hooks", events: ["escalation.decided", "system.halted"], status: "active" });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await (await s.rest("GET", "")).json();
    expect(list.endpoints).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(endpoint.secret.slice(6));
    const one = await s.rest("GET", `/${endpoint.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).not.toHaveProperty("secret");

    expect((await s.rest("DELETE", `/${endpoint.id}`)).status).toBe(204);
    expect((await s.rest("GET", `/${endpoint.id}`)).status).toBe(404);
    expect((await (await s.rest("GET", "")).json()).endpoints).toEqual([]);
    const actions = await statement(s.t.deps.db, "SELECT action, actor_type FROM audit_log WHERE entity_type = 'webhook_endpoint' ORDER BY seq").all();
    expect(actions).toEqual([
      { action: "webhook_endpoint.added", actor_type: "ai_system" },
      { action: "webhook_endpoint.deleted", actor_type: "ai_system" },
    ]);
    expect(JSON.stringify(await statement(s.t.deps.db, "SELECT payload FROM audit_log").all())).not.toContain(endpoint.secret.slice(6));
    expect((await verifyAuditLog(s.t.deps.db)).ok).toBe(true);
  });

  it("refuses events outside the closed list, naming the field and the list", async () => {
    const s = await webhookSetting();
    const res = await s.rest("POST", "", { url: "http://127.0.0.1:9/", events: ["escalation.received"] });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues[0]).toEqual({ path: "events.0", message: `must be one of ${eventTypes.join(", ")}` });
    expect((await s.rest("POST", "", { url: "http://127.0.0.1:9/", events: [] })).status).toBe(400);
    expect((await s.rest("POST", "", { url: "ftp://example.com/", events: ["system.halted"] })).status).toBe(400);
  });

  it("another system's key cannot see, delete or rotate this system's endpoint", async () => {
    const s = await webhookSetting();
    const { id } = await s.register("http://127.0.0.1:9/", ["system.halted"]);
    const other = (await addSystem(s.t.deps, "kyc-check")).key;
    expect((await s.rest("GET", `/${id}`, undefined, other)).status).toBe(404);
    expect((await s.rest("DELETE", `/${id}`, undefined, other)).status).toBe(404);
    expect((await s.rest("POST", `/${id}/rotate-secret`, undefined, other)).status).toBe(404);
    expect((await (await s.rest("GET", "", undefined, other)).json()).endpoints).toEqual([]);
    expect((await s.rest("GET", `/${id}`)).status).toBe(200);
  });
});

describe("URLs that would reach the server's own network", () => {
  const refused = [
    "http://127.0.0.1/hooks",
    "http://localhost:8787/hooks",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.10/",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a00:1]/",
    "http://[::]/",
    "http://2130706433/",
  ];
  it("are refused at registration by default: loopback, private, link-local, CGNAT, unspecified, unique-local, IPv4-mapped, names resolving to them", async () => {
    const s = await webhookSetting();
    s.t.deps.allowPrivateWebhookUrls = false;
    for (const url of refused) {
      const res = await s.rest("POST", "", { url, events: ["system.halted"] });
      expect(res.status, url).toBe(400);
      const { error } = await res.json();
      expect(error.issues[0].path).toBe("url");
      expect(error.message, url).toMatch(/must not reach a private, loopback, link-local/);
    }
    expect(await statement(s.t.deps.db, "SELECT count(*) FROM webhook_endpoints").value()).toBe(0);
    for (const url of ["https://93.184.216.34/hooks", "https://[2606:4700:4700::1111]/hooks"]) {
      expect((await s.rest("POST", "", { url, events: ["system.halted"] })).status, url).toBe(201);
    }
  });

  it("are refused again at delivery time (the address a name resolves to can change), and nothing is sent", async () => {
    const s = await webhookSetting();
    const hooks = await receiver();
    await s.register(hooks.url.replace("127.0.0.1", "localhost"), ["system.halted"]);
    s.t.deps.allowPrivateWebhookUrls = false;
    await s.halt();
    await s.deliverAll(3);
    expect(hooks.received).toEqual([]);
    const [attempt] = await statement(s.t.deps.db, "SELECT http_status AS httpStatus, error FROM webhook_attempts").all() as { httpStatus: null; error: string }[];
    expect(attempt).toEqual({ httpStatus: null, error: expect.stringMatching(/refused: localhost resolves to (127\.0\.0\.1|::1)/) });
  });
});

describe("secret rotation", () => {
  it("signs with both secrets during the 24-hour overlap, then with the new one only", async () => {
    const s = await webhookSetting();
    const hooks = await receiver();
    const { id, secret: oldSecret } = await s.register(hooks.url, ["system.halted", "system.resumed"]);
    const rotated = await s.rest("POST", `/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const { secret: newSecret, previousSecretExpiresAt } = await rotated.json();
    expect(newSecret).not.toBe(oldSecret);
    expect(previousSecretExpiresAt).toBe("2026-11-23T09:00:00.000Z");
    await s.halt();
    await s.deliverAll();
    const during = hooks.received[0]!;
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(during.body, webhookHeaders(during))).not.toThrow();
    expect(() => new Webhook(newSecret).verify(during.body, webhookHeaders(during))).not.toThrow();

    s.advance(86_400);
    await s.resume();
    await s.deliverAll();
    const after = hooks.received[1]!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => new Webhook(newSecret).verify(after.body, webhookHeaders(after))).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(after.body, webhookHeaders(after))).toThrow();
  });
});

describe("gold copies", () => {
  it("never produce an event for the AI system, even if one is written", async () => {
    const s = await webhookSetting();
    const hooks = await receiver();
    await s.register(hooks.url, ["escalation.decided"]);
    await addGoldItems(s.t.deps, operator, s.system.id, [{ escalation: escalationBody({ externalId: "gold-1" }), expectedOutcome: "rejected" }]);
    const copyId = await statement(s.t.deps.db, "SELECT id FROM escalations WHERE gold_item_id IS NOT NULL").value() as string;
    expect(copyId).toBeDefined();
    await write(s.t.deps.db, (tx) => appendOutbox(tx, s.t.deps.now(), { type: "escalation.decided", systemId: s.system.id, payload: { id: copyId } }));
    await write(s.t.deps.db, (tx) => appendOutbox(tx, s.t.deps.now(), { type: "escalation.decided", systemId: s.system.id, payload: { id: "esc_real" } }));
    await s.deliverAll();
    expect(hooks.received.map((r) => JSON.parse(r.body).data)).toEqual([{ id: "esc_real" }]);
  });
});

describe("webhooks in the workbench", () => {
  it("an admin adds, rotates, reads the delivery log, redelivers and deletes; each change is audited", async () => {
    const s = await webhookSetting();
    const hooks = await receiver((n) => (n === 1 ? 500 : 200));
    const admin = callerFor(s.t.deps, s.admin);
    const added = await admin.webhooks.add({ systemId: s.system.id, url: hooks.url, events: ["system.halted"] });
    expect(added.secret).toMatch(/^whsec_/);
    await s.halt();
    await s.deliverAll();
    const log = await admin.webhooks.deliveries({ endpointId: added.id });
    expect(log.attempts.map((a) => [a.eventType, a.attempt, a.httpStatus])).toEqual([
      ["system.halted", 2, 200],
      ["system.halted", 1, 500],
    ]);
    expect(log.attempts[1]!.responseExcerpt).toBe("<b>receiver says 500</b>");

    await admin.webhooks.redeliver({ deliveryId: log.attempts[0]!.deliveryId });
    await s.deliverAll();
    expect(hooks.received).toHaveLength(3);
    expect(hooks.received[2]!.headers["webhook-id"]).toBe(hooks.received[0]!.headers["webhook-id"]);
    await admin.webhooks.rotateSecret({ endpointId: added.id });
    await admin.webhooks.delete({ endpointId: added.id });
    expect(await admin.webhooks.list({ systemId: s.system.id })).toEqual([]);
    const actions = await statement(s.t.deps.db, "SELECT action FROM audit_log WHERE action LIKE 'webhook%' ORDER BY seq").column();
    expect(actions).toEqual(["webhook_endpoint.added", "webhook_delivery.redelivered", "webhook_endpoint.secret_rotated", "webhook_endpoint.deleted"]);
  });

  it("a lead, a reviewer and an auditor cannot manage webhooks", async () => {
    const s = await webhookSetting();
    for (const role of ["lead", "reviewer", "auditor"] as const) {
      const caller = callerFor(s.t.deps, await addUser(s.t.deps, `${role}@example.com`, [role]));
      await expect(caller.webhooks.list({ systemId: s.system.id })).rejects.toThrow(/this needs the admin role/);
      await expect(caller.webhooks.add({ systemId: s.system.id, url: "http://127.0.0.1:9/", events: ["system.halted"] })).rejects.toThrow(/this needs the admin role/);
    }
  });

  it("redelivery to a disabled endpoint is refused, naming why it is disabled", async () => {
    const s = await webhookSetting();
    const gone = await receiver(() => 410);
    const admin = callerFor(s.t.deps, s.admin);
    const { id } = await admin.webhooks.add({ systemId: s.system.id, url: gone.url, events: ["system.halted"] });
    await s.halt();
    await s.deliverAll();
    const [attempt] = (await admin.webhooks.deliveries({ endpointId: id })).attempts;
    await expect(admin.webhooks.redeliver({ deliveryId: attempt!.deliveryId })).rejects.toThrow(/the endpoint is disabled \(the receiver answered 410 Gone/);
  });
});

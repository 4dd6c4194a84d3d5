import { createPublicKey, verify } from "node:crypto";
import canonicalize from "canonicalize";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Countersign } from "@countersign/client";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, qualify, testDeps } from "../../testing/fixtures";
import { listening } from "../../testing/listening";
import { machineClient } from "../../testing/operations";
import type { UserSummary } from "../users/queries";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let gateway: Awaited<ReturnType<typeof machineClient>>;
let systemId: string;
let lead: UserSummary;
let server: Awaited<ReturnType<typeof listening>>;
let client: Countersign;

beforeEach(async () => {
  t = testDeps();
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  app = buildApp(t.deps);
  gateway = machineClient(app, key);
  server = await listening(app);
  client = server.client(key);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  await qualify(t.deps, lead.id, systemId, { authority: ["stop"] });
});

afterEach(async () => {
  await server.close();
});

type SignedState = Record<string, unknown> & { signature: string; seq: number; state: string; issuedAt: string; keyId: string };

/** What an AI system does with the state: check the signature over the canonical JSON of the rest, with the published key. */
async function checkedState(): Promise<SignedState> {
  const published = (await (await app.request("/api/v1/public-key")).json()) as { pem: string; jwk: Record<string, string>; keyId: string };
  const body = (await (await gateway.state()).json()) as SignedState;
  const { signature, ...signed } = body;
  const fromPem = createPublicKey(published.pem);
  const fromJwk = createPublicKey({ key: published.jwk, format: "jwk" });
  for (const key of [fromPem, fromJwk]) {
    expect(verify(null, Buffer.from(canonicalize(signed)!, "utf8"), key, Buffer.from(signature, "base64"))).toBe(true);
  }
  expect(body.keyId).toBe(published.keyId);
  return body;
}

const seenEntries = async () =>
  await statement(t.deps.db, "SELECT at, actor_type AS actorType, actor_id AS actorId, payload FROM audit_log WHERE action = 'system.state_seen' ORDER BY seq").all() as {
    at: string;
    actorType: string;
    actorId: string;
    payload: string;
  }[];

describe("the stop signal the AI system reads (Art. 14(4)(e))", () => {
  it("is signed with the instance's Ed25519 key over its canonical content, with a sequence number that rises with each change", async () => {
    const first = await checkedState();
    expect(first).toMatchObject({ state: "active", seq: 0, issuedAt: "2026-11-22T09:00:00.000Z" });
    await callerFor(t.deps, lead).systems.halt({ systemId, reason: "Refund amounts drifted above the limit." });
    t.advance(1);
    const halted = await checkedState();
    expect(halted).toMatchObject({ state: "halted", seq: 1, issuedAt: "2026-11-22T09:00:01.000Z" });
    await callerFor(t.deps, lead).systems.resume({ systemId, reason: "Limit check restored and tested." });
    expect(await checkedState()).toMatchObject({ state: "active", seq: 2 });
  });

  it("the TypeScript client checks the signature against the published key, and refuses a state signed by another key", async () => {
    expect(await client.systemState()).toMatchObject({ state: "active", seq: 0 });
    await callerFor(t.deps, lead).systems.halt({ systemId, reason: "Refund amounts drifted above the limit." });
    t.advance(1);
    expect(await client.systemState()).toMatchObject({ state: "halted", seq: 1, reason: "Refund amounts drifted above the limit." });
    // Another instance (another signing key) answering for this one: the state does not verify.
    const impostor = testDeps();
    const { key: impostorKey } = await addSystem(impostor.deps);
    const elsewhere = await listening(buildApp(impostor.deps));
    try {
      const mixed = new Countersign({
        baseUrl: server.baseUrl,
        apiKey: "unused",
        fetch: ((url: URL, init?: RequestInit) =>
          fetch(String(url).includes("/system") ? String(url).replace(server.baseUrl, elsewhere.baseUrl) : url, {
            ...init,
            headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${impostorKey}` },
          })) as typeof fetch,
      });
      await expect(mixed.systemState()).rejects.toMatchObject({ code: "SIGNATURE_INVALID" });
    } finally {
      await elsewhere.close();
    }
  });

  it("a state altered in transit, or replayed under another state, fails the check", async () => {
    await callerFor(t.deps, lead).systems.halt({ systemId, reason: "Refund amounts drifted above the limit." });
    const published = (await (await app.request("/api/v1/public-key")).json()) as { pem: string };
    const { signature, ...signed } = (await (await gateway.state()).json()) as SignedState;
    const check = (value: unknown) => verify(null, Buffer.from(canonicalize(value)!, "utf8"), createPublicKey(published.pem), Buffer.from(signature, "base64"));
    expect(check(signed)).toBe(true);
    expect(check({ ...signed, state: "active" })).toBe(false);
    expect(check({ ...signed, seq: signed.seq + 1 })).toBe(false);
  });

  it("records the AI system's first read of each new state once, as an audit entry by the AI system, however often it polls", async () => {
    await gateway.state();
    await gateway.state();
    expect(await seenEntries()).toHaveLength(1);
    await callerFor(t.deps, lead).systems.halt({ systemId, reason: "Refund amounts drifted above the limit." });
    let [system] = await callerFor(t.deps, lead).systems.list();
    expect(system).toMatchObject({ state: "halted", stateSeq: 1, stateSeenAt: null });
    t.advance(7);
    for (let i = 0; i < 5; i += 1) await gateway.state();
    const entries = await seenEntries();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ at: "2026-11-22T09:00:07.000Z", actorType: "ai_system", actorId: systemId });
    expect(JSON.parse(entries[1]!.payload)).toMatchObject({ seq: 1, state: "halted", afterSeconds: 7, apiKeyId: expect.stringMatching(/^key_/) });
    [system] = await callerFor(t.deps, lead).systems.list();
    expect(system).toMatchObject({ stateSeq: 1, stateSeenAt: Date.parse("2026-11-22T09:00:07Z") });
  });

  it("serves the public key without an API key, as PEM and JWK", async () => {
    const res = await app.request("/api/v1/public-key");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      algorithm: "Ed25519",
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
      pem: expect.stringContaining("BEGIN PUBLIC KEY"),
      jwk: { kty: "OKP", crv: "Ed25519", x: expect.any(String) },
    });
  });
});

import { generateKeyPairSync, sign } from "node:crypto";
import canonicalize from "canonicalize";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { Countersign, CountersignError, verifyWebhook } from "./index";

type Answer = Response | Error | ((url: URL, init: RequestInit) => Response | Promise<Response>);
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A client whose fetch answers from a script, recording what it was asked and how long it slept. */
function scripted(answers: Answer[]) {
  const asked: { url: URL; init: RequestInit }[] = [];
  const slept: number[] = [];
  const client = new Countersign({
    baseUrl: "http://countersign.test",
    apiKey: "cs_test",
    fetch: (async (input: URL, init: RequestInit) => {
      asked.push({ url: new URL(input), init });
      const next = answers.shift();
      if (!next) throw new Error("no more answers scripted");
      if (next instanceof Error) throw next;
      return typeof next === "function" ? next(new URL(input), init) : next;
    }) as unknown as typeof fetch,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { client, asked, slept };
}

const received = { id: "esc_1", externalId: "order-1", status: "queued" };
const body = {
  externalId: "order-1",
  input: "refund?",
  aiOutput: "yes",
  confidence: 0.5,
  model: "m",
  escalationReason: { code: "low_confidence", explanation: "below threshold" },
  contextSummary: "first refund",
};

describe("escalate", () => {
  it("retries network errors and 5xx with backoff, then returns the escalation", async () => {
    const { client, asked, slept } = scripted([new TypeError("fetch failed"), json(503, { error: { code: "INTERNAL", message: "busy", issues: [] } }), json(201, received)]);
    await expect(client.escalate(body)).resolves.toEqual({ ...received, created: true });
    expect(asked).toHaveLength(3);
    expect(slept).toHaveLength(2);
    expect(asked[0]!.init.headers).toMatchObject({ authorization: "Bearer cs_test", "content-type": "application/json" });
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const { client, slept } = scripted([json(429, { error: { code: "TOO_MANY_REQUESTS", message: "slow down", issues: [] } }, { "retry-after": "7" }), json(200, received)]);
    await expect(client.escalate(body)).resolves.toEqual({ ...received, created: false });
    expect(slept).toEqual([7000]);
  });

  it("gives up after the retries with a typed error", async () => {
    const { client, asked } = scripted(Array.from({ length: 5 }, () => new TypeError("ECONNREFUSED")));
    const error = await client.escalate(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CountersignError);
    expect(error).toMatchObject({ status: 0, code: "NETWORK" });
    expect(asked).toHaveLength(5);
  });

  it("does not retry a refusal, and carries its status, code and issues", async () => {
    const issues = [{ path: "contextSummary", message: "contextSummary is required" }];
    const { client, asked } = scripted([json(400, { error: { code: "BAD_REQUEST", message: "invalid request", issues } })]);
    await expect(client.escalate(body)).rejects.toMatchObject({ status: 400, code: "BAD_REQUEST", issues });
    expect(asked).toHaveLength(1);
  });

  it("sends a traceparent as the W3C header", async () => {
    const { client, asked } = scripted([json(201, received)]);
    await client.escalate(body, { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
    expect(asked[0]!.init.headers).toMatchObject({ traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
  });
});

describe("waitForDecision against a server that ignores ?wait", () => {
  it("sleeps between polls and returns the decision", async () => {
    const queued = { ...received, status: "queued" };
    const decided = { ...received, status: "decided", decision: { outcome: "approved" } };
    const { client, asked, slept } = scripted([json(200, queued), json(200, queued), json(200, decided)]);
    await expect(client.waitForDecision("esc_1", { timeoutMs: 60_000, pollIntervalMs: 1000 })).resolves.toMatchObject({ status: "decided" });
    expect(asked.map((a) => a.url.searchParams.get("wait"))).toEqual(["30", "30", "30"]);
    expect(slept).toEqual([1000, 1000]);
  });

  it("throws WAIT_TIMEOUT when nothing is decided in time", async () => {
    // Each answer takes 10 ms, so a 30 ms budget runs out after a few polls on any machine.
    const slowly = () => new Promise<Response>((answer) => setTimeout(() => answer(json(200, received)), 10));
    const { client } = scripted(Array.from({ length: 50 }, () => slowly));
    const error = await client.waitForDecision("esc_1", { timeoutMs: 30, pollIntervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WAIT_TIMEOUT" });
  });
});

describe("systemState", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const key = { algorithm: "Ed25519", keyId: "k1", pem: "", jwk: publicKey.export({ format: "jwk" }), signs: "" };
  const signed = (state: Record<string, unknown>) => ({ ...state, signature: sign(null, Buffer.from(canonicalize(state)!), privateKey).toString("base64") });
  const state = { slug: "refund-triage", state: "active", reason: null, changedAt: null, changedBy: null, seq: 3, issuedAt: "2026-11-22T09:00:00.000Z", keyId: "k1" };

  it("returns a state whose signature verifies", async () => {
    const { client } = scripted([json(200, signed(state)), json(200, key)]);
    await expect(client.systemState()).resolves.toMatchObject({ state: "active", seq: 3 });
  });

  it("fails closed when the state was altered after signing", async () => {
    const { client } = scripted([json(200, { ...signed({ ...state, state: "halted" }), state: "active" }), json(200, key)]);
    await expect(client.systemState()).rejects.toMatchObject({ code: "SIGNATURE_INVALID" });
  });

  it("fails closed on a replayed older state", async () => {
    const { client } = scripted([json(200, signed({ ...state, seq: 4 })), json(200, key), json(200, signed(state))]);
    await client.systemState();
    await expect(client.systemState()).rejects.toMatchObject({ code: "STALE_STATE" });
  });
});

describe("verifyWebhook", () => {
  const secret = `whsec_${Buffer.from("a secret of thirty-two bytes....").toString("base64")}`;
  const payload = JSON.stringify({ type: "escalation.decided", data: { id: "esc_1" } });
  const headersFor = (text: string) => {
    const id = "msg_1";
    const at = new Date();
    return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, text) };
  };

  it("returns the payload of a delivery signed with the secret", () => {
    expect(verifyWebhook(secret, new Headers(headersFor(payload)), payload)).toEqual(JSON.parse(payload));
  });

  it("refuses a tampered body", () => {
    expect(() => verifyWebhook(secret, headersFor(payload), payload.replace("esc_1", "esc_2"))).toThrowError(CountersignError);
  });
});

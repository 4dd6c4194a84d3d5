import { beforeAll, describe, expect, it } from "vitest";
import { unlimitedLimiterStore } from "../lib/rate-limits";
import { buildApp } from "../app";
import { receiveEscalation } from "../modules/escalations/receive";
import { addSystem, addUser, escalationBody, testDeps, testPassword } from "../testing/fixtures";
import { naughtyStrings, nestedJson, sendJson, type HostileResponse } from "../testing/hostile";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let key: string;
let systemId: string;
const cookies: Record<string, string> = {};

// The workbench's own origin, as a browser sends it with a cookie-authenticated mutation.
const sameOrigin = { origin: "http://localhost", "sec-fetch-site": "same-origin" };
const mutate = (as: string, procedure: string, text: string) => sendJson(app, `/trpc/${procedure}`, text, { cookie: cookies[as]!, ...sameOrigin });
const query = async (as: string, procedure: string, input: unknown): Promise<HostileResponse> => {
  const res = await app.request(`/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie: cookies[as]!, ...sameOrigin } });
  const body = await res.text();
  return { status: res.status, text: body, json: () => JSON.parse(body) };
};
const data = (res: HostileResponse) => res.json().result.data;

function expectClientAnswer(res: HostileResponse, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
}

beforeAll(async () => {
  t = testDeps();
  app = buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore }); // thousands of requests from one key
  ({ key, system: { id: systemId } } = await addSystem(t.deps, "refund-triage", { minDwellSeconds: 1 }));
  for (const [email, roles] of [["admin@example.com", ["admin"]], ["rev@example.com", ["reviewer"]]] as const) {
    await addUser(t.deps, email, [...roles]);
    const res = await app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json", ...sameOrigin },
      body: JSON.stringify({ email, password: testPassword }),
    });
    cookies[email] = res.headers.get("set-cookie")!.split(";")[0]!;
  }
});

describe("hostile input over tRPC: only 4xx or success, and what is accepted comes back byte-exact", () => {
  it("the queue search takes every naughty string", async () => {
    for (const [i, s] of naughtyStrings.entries()) {
      if (i % 2) continue;
      const res = await query("rev@example.com", "queue.list", { search: s });
      expectClientAnswer(res, `search ${i}`);
    }
  }, 60_000);

  it("a query input that is not JSON gets a 4xx; one with bytes that are not UTF-8 is at worst a search for U+FFFD", async () => {
    for (const input of ["%ED%A0%80", "%7B", "%", "%7B%22search%22%3A%22%ED%A0%80%22%7D"]) {
      const res = await app.request(`/trpc/queue.list?input=${input}`, { headers: { cookie: cookies["rev@example.com"]!, ...sameOrigin } });
      expect(res.status, input).toBeLessThan(500);
      if (!input.includes("search")) expect(res.status, input).toBeGreaterThanOrEqual(400);
    }
  });

  it("refuses a mutation body that is not UTF-8 instead of storing U+FFFD", async () => {
    const body = Buffer.concat([Buffer.from(`{"systemId":"${systemId}","reason":"stop `), Buffer.from([0xc3, 0x28]), Buffer.from(' now"}')]);
    const res = await app.request("/trpc/systems.halt", { method: "POST", headers: { "content-type": "application/json", cookie: cookies["admin@example.com"]!, ...sameOrigin }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toMatch(/not valid UTF-8/);
    const system = await (await app.request("/api/v1/system", { headers: { authorization: `Bearer ${key}` } })).json();
    expect((system as { state: string }).state).toBe("active");
  });

  it("system names and descriptions come back as sent (names trimmed, as the form says)", async () => {
    const sent = new Map<string, string>();
    for (const [i, s] of naughtyStrings.entries()) {
      if (i % 3) continue;
      const res = await mutate("admin@example.com", "systems.create", JSON.stringify({ slug: `s-${i}`, name: s, description: s, oversightMode: "HOTL" }));
      expectClientAnswer(res, `system ${i}`);
      if (res.status === 200) sent.set(`s-${i}`, s);
    }
    expect(sent.size).toBeGreaterThan(100);
    const listed = data(await query("admin@example.com", "systems.list", undefined)) as { slug: string; name: string; description: string }[];
    for (const system of listed.filter((x) => sent.has(x.slug))) {
      expect(system.name, system.slug).toBe(sent.get(system.slug)!.trim());
      expect(system.description, system.slug).toBe(sent.get(system.slug)!.trim());
    }
  }, 60_000);

  it("a reviewer's rationale comes back to the AI system exactly as written", async () => {
    const rationales = naughtyStrings.filter((s) => s.length >= 40).slice(0, 24);
    for (const [i, rationale] of rationales.entries()) {
      const { id } = await receiveEscalation(t.deps, systemId, escalationBody({ externalId: `decide-${i}` }));
      expect((await mutate("rev@example.com", "queue.claim", JSON.stringify({ escalationId: id }))).status).toBe(200);
      t.advance(2);
      const checklist = { "matches-request": "yes", "within-policy": "yes" };
      const res = await mutate("rev@example.com", "reviews.decide", JSON.stringify({ escalationId: id, outcome: "rejected", checklist, rationale, activeSeconds: 2 }));
      expectClientAnswer(res, `rationale ${i}`);
      if (res.status !== 200) {
        await mutate("rev@example.com", "queue.release", JSON.stringify({ escalationId: id }));
        continue;
      }
      const decided = (await (await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as any;
      expect(decided.decision.rationale, `rationale ${i}`).toBe(rationale);
    }
  }, 60_000);

  it("refuses a lone surrogate in a rationale and a halt reason with a 400 naming the field", async () => {
    const { id } = await receiveEscalation(t.deps, systemId, escalationBody({ externalId: "surrogate" }));
    await mutate("rev@example.com", "queue.claim", JSON.stringify({ escalationId: id }));
    t.advance(2);
    const decide = await mutate(
      "rev@example.com",
      "reviews.decide",
      `{"escalationId":"${id}","outcome":"rejected","checklist":{"matches-request":"yes","within-policy":"yes"},"rationale":"The amount is wrong \\ud800 and the photo shows no damage at all.","activeSeconds":2}`,
    );
    expect(decide.status).toBe(400);
    expect(decide.json().error.data.issues[0]).toMatchObject({ path: "rationale", message: expect.stringMatching(/rationale .* lone surrogate/) });
    const halt = await mutate("admin@example.com", "systems.halt", `{"systemId":"${systemId}","reason":"stop \\udfff now"}`);
    expect(halt.status).toBe(400);
    expect(halt.json().error.data.issues[0].path).toBe("reason");
    // NUL, which PostgreSQL's text cannot hold: refused on either engine, in a rationale as in the queue's search.
    const nul = await mutate(
      "rev@example.com",
      "reviews.decide",
      `{"escalationId":"${id}","outcome":"rejected","checklist":{"matches-request":"yes","within-policy":"yes"},"rationale":"The amount is wrong \\u0000 and the photo shows no damage at all.","activeSeconds":2}`,
    );
    expect(nul.status).toBe(400);
    expect(nul.json().error.data.issues[0]).toMatchObject({ path: "rationale", message: expect.stringMatching(/NUL character/) });
    expect((await query("rev@example.com", "queue.list", { search: "a\u0000" })).status).toBe(400);
    // An id with NUL gets the same 400 naming it on either engine (not "nothing to remove" on one of them).
    const removed = await mutate("admin@example.com", "notifications.removeTeamChannel", '{"channelId":"ch_\\u0000"}');
    expect(removed.status, removed.text).toBe(400);
    expect(removed.json().error.data.issues[0]).toMatchObject({ path: "channelId", message: expect.stringMatching(/NUL character/) });
  });

  it("refuses a deeply nested gold item and a corrected output nested too deep, naming the field", async () => {
    const deepEscalation = JSON.stringify(escalationBody()).replace(/}$/, `,"metadata":${nestedJson(10_000)}}`);
    const deep = await mutate("admin@example.com", "gold.add", `{"systemId":"${systemId}","item":{"escalation":${deepEscalation},"expectedOutcome":"rejected"}}`);
    expect(deep.status).toBe(400);
    expect(deep.json().error.data.issues).toContainEqual({ path: "item.escalation.metadata", message: "metadata may be nested at most 64 levels deep" });
    const jsonl = JSON.stringify(escalationBody()).replace(/}$/, `,"aiOutput":${nestedJson(10_000)}}`);
    const imported = await mutate("admin@example.com", "gold.importJsonl", JSON.stringify({ systemId, jsonl: `{"escalation":${jsonl},"expectedOutcome":"rejected"}` }));
    expectClientAnswer(imported, "deep JSONL");
    expect(imported.status).toBe(400);

    const { id } = await receiveEscalation(t.deps, systemId, escalationBody({ externalId: "deep-correction" }));
    await mutate("rev@example.com", "queue.claim", JSON.stringify({ escalationId: id }));
    t.advance(2);
    const corrected = await mutate(
      "rev@example.com",
      "reviews.decide",
      JSON.stringify({ escalationId: id, outcome: "modified", checklist: {}, rationale: "x".repeat(50), correctedOutput: nestedJson(10_000), activeSeconds: 2 }),
    );
    expect(corrected.status).toBe(400);
    expect(corrected.json().error.data.issues).toContainEqual({ path: "correctedOutput", message: "correctedOutput may be nested at most 64 levels deep" });
  });
});

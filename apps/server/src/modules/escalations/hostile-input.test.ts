import { beforeAll, describe, expect, it } from "vitest";
import { unlimitedLimiterStore } from "../../lib/rate-limits";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { asJson, naughtyStrings, nestedJson, sendJson, unexactNumbers, type HostileResponse } from "../../testing/hostile";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let key: string;
let systemId: string;

const auth = () => ({ authorization: `Bearer ${key}` });
const post = (path: string, text: string) => sendJson(app, path, text, auth());
const getEscalation = async (id: string) => (await (await app.request(`/api/v1/escalations/${id}`, { headers: auth() })).json()) as any;

/** Never a 5xx: a hostile body is the client's problem, and the answer says so. */
function expectClientAnswer(res: HostileResponse, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expect(res.json().error.code, what).toBeTruthy();
}

/** An escalation with the naughty string in every text field, as key and value of every JSON field. */
function everyField(s: string, i: number) {
  return escalationBody({
    externalId: `blns-${i}-${s}`.slice(0, 200),
    input: s,
    aiOutput: { [s]: s, nested: [s, { [s]: [s] }] },
    model: s,
    escalationReason: { code: s, explanation: s },
    contextSummary: s,
    evidence: [{ title: s, content: s, url: `https://example.com/?q=${encodeURIComponent(s)}` }],
    metadata: { [s]: s },
  });
}

/** Only the fields that take any text, so a string refused by a required field still reaches them. */
function optionalFields(s: string, i: number) {
  return escalationBody({ externalId: `blns-opt-${i}`, aiOutput: { [s]: s }, evidence: [{ title: "t", content: s }], metadata: { [s]: [s] } });
}

const exactFields = ["externalId", "input", "aiOutput", "model", "escalationReason", "contextSummary", "evidence", "metadata"] as const;

async function expectRoundTrip(sentText: string, what: string) {
  const res = await post("/api/v1/escalations", sentText);
  expectClientAnswer(res, what);
  if (res.status >= 400) return res;
  const sent = JSON.parse(sentText);
  const stored = await getEscalation(res.json().id);
  for (const field of exactFields) expect(asJson(stored[field]), `${what}: ${field}`).toBe(asJson(sent[field]));
  return res;
}

beforeAll(async () => {
  t = testDeps();
  app = buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore }); // thousands of requests from one key
  ({ key, system: { id: systemId } } = await addSystem(t.deps));
});

describe("hostile input over REST: only 4xx or success, and what is accepted comes back byte-exact", () => {
  it("every naughty string in every escalation field", async () => {
    let accepted = 0;
    for (const [i, s] of naughtyStrings.entries()) {
      const res = await expectRoundTrip(JSON.stringify(everyField(s, i)), `string ${i} ${JSON.stringify(s)}`);
      if (res.status < 400) accepted++;
      else await expectRoundTrip(JSON.stringify(optionalFields(s, i)), `string ${i} in optional fields`);
    }
    // Blank strings and ones longer than a short field allows are refused; everything else is stored.
    expect(accepted).toBeGreaterThan(naughtyStrings.length - 25);
  }, 120_000);

  it("keeps a __proto__ key in metadata, aiOutput and input exactly as sent", async () => {
    const text = JSON.stringify(escalationBody({ externalId: "proto" })).replace(
      /}$/,
      ',"metadata":{"__proto__":{"isAdmin":true},"channel":"email"}}',
    ).replace('"aiOutput":{', '"aiOutput":{"__proto__":"kept",');
    const res = await expectRoundTrip(text.replace('"input":"', '"input":{"__proto__":["x"]},"ignored":"'), "__proto__ (with an unknown field)");
    expect(res.status).toBe(400);
    const accepted = await expectRoundTrip(text, "__proto__");
    expect(accepted.status).toBe(201);
    const stored = await getEscalation(accepted.json().id);
    expect(Object.keys(stored.metadata)).toEqual(["__proto__", "channel"]);
    expect(({} as any).isAdmin).toBeUndefined();
  });

  it("refuses metadata nested 10,000 levels deep, or too large, with a 400 naming the field and the limit", async () => {
    for (const field of ["metadata", "aiOutput", "input"] as const) {
      const { [field]: _, ...rest } = escalationBody({ externalId: `deep-${field}` });
      const res = await post("/api/v1/escalations", JSON.stringify(rest).replace(/}$/, `,"${field}":${nestedJson(10_000)}}`));
      expect(res.status, res.text.slice(0, 300)).toBe(400);
      expect(res.json().error.issues).toContainEqual({ path: field, message: `${field} may be nested at most 64 levels deep` });
    }
    const large = await post("/api/v1/escalations", JSON.stringify(escalationBody({ externalId: "large", metadata: { notes: "x".repeat(300 * 1024) } })));
    expect(large.status).toBe(400);
    expect(large.json().error.issues).toContainEqual({ path: "metadata", message: "metadata must be at most 256 KiB of JSON (262144 bytes of UTF-8, as stored)" });
    // 64 levels are fine.
    const ok = JSON.stringify(escalationBody({ externalId: "deep-ok" })).replace(/}$/, `,"metadata":${nestedJson(64)}}`);
    expect((await expectRoundTrip(ok, "64 levels")).status).toBe(201);
  });

  it("refuses a lone surrogate in any text field or key with a 400 naming the field", async () => {
    const base = JSON.stringify(escalationBody({ externalId: "surrogate", evidence: [{ title: "t", content: "c" }] }));
    const cases: [string, string][] = [
      ['"contextSummary":"', "contextSummary"],
      ['"explanation":"', "escalationReason.explanation"],
      ['"input":"', "input"],
      ['"content":"', "evidence.0.content"],
    ];
    for (const [at, path] of cases) {
      const res = await post("/api/v1/escalations", base.replace(at, `${at}broken \\ud83d here `));
      expect(res.status, path).toBe(400);
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect(res.json().error.message).toMatch(/lone surrogate/);
    }
    const inKey = await post("/api/v1/escalations", base.replace(/}$/, ',"metadata":{"\\udc00":1}}'));
    expect(inKey.status).toBe(400);
    expect(inKey.json().error.issues[0].path).toBe("metadata");
    // A well-formed pair (an emoji written as escapes) is text like any other.
    expect((await expectRoundTrip(base.replace('"contextSummary":"', '"contextSummary":"\\ud83d\\ude00 '), "surrogate pair")).status).toBe(201);
  });

  it("refuses NUL (U+0000) in a text field with a 400 naming the field, on either engine (PostgreSQL's text cannot hold it)", async () => {
    const base = JSON.stringify(escalationBody({ externalId: "nul", evidence: [{ title: "t", content: "c" }] }));
    for (const [at, path] of [['"contextSummary":"', "contextSummary"], ['"externalId":"', "externalId"], ['"content":"', "evidence.0.content"]] as const) {
      const res = await post("/api/v1/escalations", base.replace(at, `${at}a\\u0000b `));
      expect(res.status, path).toBe(400);
      expect(res.json().error.issues).toContainEqual({ path, message: expect.stringMatching(/must not contain the NUL character \(U\+0000\), which cannot be stored$/) });
    }
    // Inside a JSON value it is an escape like any other, stored as such.
    expect((await expectRoundTrip(base.replace('"metadata":{', '"metadata":{"nul":"a\\u0000b",'), "NUL in JSON")).status).toBe(201);
  });

  it("answers lookups by a broken or naughty externalId with a 4xx", async () => {
    for (const query of ["%ED%A0%80", "%FF", "%", "%00", encodeURIComponent("\u202E"), "a&externalId=b"]) {
      const res = await app.request(`/api/v1/escalations?externalId=${query}`, { headers: auth() });
      expect(res.status, query).toBeGreaterThanOrEqual(400);
      expect(res.status, query).toBeLessThan(500);
    }
    // By id too: the same 400 naming the id on both engines (SQLite would find no such id, PostgreSQL's text cannot hold NUL).
    for (const path of ["escalations/esc_%00", "escalations/esc_a%00b?wait=1", "webhook-endpoints/whe_%00", "webhook-endpoints/whe_%00/rotate-secret"]) {
      const res = await app.request(`/api/v1/${path}`, { method: path.endsWith("rotate-secret") ? "POST" : "GET", headers: auth() });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as any).error.issues, path).toContainEqual({ path: "id", message: expect.stringMatching(/NUL character/) });
    }
  });

  it("refuses bodies that are not UTF-8 instead of storing U+FFFD", async () => {
    const body = Buffer.concat([Buffer.from(JSON.stringify(escalationBody()).slice(0, -2)), Buffer.from([0xff, 0x22, 0x7d])]);
    const res = await app.request("/api/v1/escalations", { method: "POST", headers: { "content-type": "application/json", ...auth() }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toMatch(/not valid UTF-8/);
  });

  it("refuses numbers that would come back changed, and accepts the ones that do not", async () => {
    for (const n of unexactNumbers) {
      const res = await post("/api/v1/escalations", JSON.stringify(escalationBody({ externalId: `n${n}` })).replace(/}$/, `,"metadata":{"n":${n}}}`));
      expect(res.status, n).toBe(400);
      expect(res.json().error.issues[0].path).toBe("metadata.n");
      const confidence = await post("/api/v1/escalations", JSON.stringify(escalationBody({ externalId: `c${n}` })).replace(/"confidence":[^,]+/, `"confidence":${n}`));
      expectClientAnswer(confidence, `confidence ${n}`);
    }
    const fine = JSON.stringify(escalationBody({ externalId: "numbers" })).replace(/}$/, ',"metadata":{"n":[9007199254740991,0.1,1e-300,-5]}}');
    expect((await expectRoundTrip(fine, "exact numbers")).status).toBe(201);
  });

  it("volume: naughty strings and huge numbers get a 4xx, never a 5xx", async () => {
    const period = (i: number) => ({ periodStart: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(), periodEnd: new Date(Date.UTC(2026, 0, 2) + i * 86_400_000).toISOString() });
    for (const [i, s] of naughtyStrings.entries()) {
      if (i % 4) continue;
      expectClientAnswer(await post("/api/v1/volume", JSON.stringify({ periodStart: s, periodEnd: s, total: s })), `volume ${i}`);
    }
    for (const [i, n] of [...unexactNumbers.filter((n) => n !== "-0"), "1e308", "-1", "0.5"].entries()) {
      const p = period(i);
      const res = await post("/api/v1/volume", `{"periodStart":"${p.periodStart}","periodEnd":"${p.periodEnd}","total":${n},"escalated":${n}}`);
      expect(res.status, `total ${n}`).toBe(400);
    }
    expectClientAnswer(await post("/api/v1/volume", nestedJson(10_000)), "deep volume");
  });

  it("gold items: naughty notes and content come back exactly as sent", async () => {
    const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
    const sentNotes = new Map<string, string>();
    for (const [i, s] of naughtyStrings.entries()) {
      if (i % 5) continue;
      const escalation = { ...everyField(s, i), externalId: `gold-${i}` };
      const res = await post("/api/v1/gold-items", JSON.stringify({ escalation, expectedOutcome: "rejected", notes: s }));
      expectClientAnswer(res, `gold ${i}`);
      if (res.status === 201) sentNotes.set(res.json().id, s);
    }
    expect(sentNotes.size).toBeGreaterThan(80);
    const listed = await admin.gold.list({ systemId });
    for (const item of listed) if (sentNotes.has(item.id)) expect(item.notes).toBe(sentNotes.get(item.id));
    expectClientAnswer(await post("/api/v1/gold-items", `{"escalation":${nestedJson(10_000)}}`), "deep gold");
  }, 60_000);
});

import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { openApiDocument } from "../api-docs/document";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let key: string;

// Offsets, odd spacing and characters outside the BMP must come back exactly as sent.
const identification = {
  usePeriod: { start: "2026-11-22T08:59:30.125+01:00", end: "2026-11-22T09:00:00+01:00" },
  referenceDatabase: "  Watch list “Fahndung” v2026-11 🗂 (EU-LE-17)  ",
  matchedInput: { probe: "frame-000417.jpg", score: 0.9731, faces: [{ box: [12, 40, 96, 128] }] },
};
// A key an object literal would swallow: written into the body as JSON text.
const withProtoKey = (body: string) => body.replace('"probe":', '"__proto__":{"x":1},"probe":');

const request = (path: string, init: { method?: string; body?: string } = {}) =>
  app.request(path, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${key}` } });

beforeEach(async () => {
  t = testDeps();
  app = buildApp(t.deps);
  ({ key } = await addSystem(t.deps));
});

describe("Art. 12(3) fields on an escalation", () => {
  it("are accepted on a single POST and come back byte-exact in the REST resource", async () => {
    const body = withProtoKey(JSON.stringify({ ...escalationBody({ externalId: "rbi-1" }), ...identification }));
    const created = await request("/api/v1/escalations", { method: "POST", body });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const text = await (await request(`/api/v1/escalations/${id}`)).text();
    for (const value of [identification.usePeriod, identification.referenceDatabase]) expect(text).toContain(JSON.stringify(value));
    // The matched input keeps every key and number as sent, __proto__ included.
    const read = JSON.parse(text) as Record<string, unknown>;
    expect(text).toContain(`"matchedInput":{"__proto__":{"x":1},"probe":"frame-000417.jpg","score":0.9731,"faces":[{"box":[12,40,96,128]}]}`);
    expect(Object.keys(read.matchedInput as object)).toEqual(["__proto__", "probe", "score", "faces"]);
  });

  it("count for idempotency: the same body again is the same escalation, another matched input a conflict", async () => {
    const body = { ...escalationBody({ externalId: "rbi-2" }), ...identification };
    expect((await request("/api/v1/escalations", { method: "POST", body: JSON.stringify(body) })).status).toBe(201);
    expect((await request("/api/v1/escalations", { method: "POST", body: JSON.stringify(body) })).status).toBe(200);
    const other = { ...body, matchedInput: "frame-000418.jpg" };
    expect((await request("/api/v1/escalations", { method: "POST", body: JSON.stringify(other) })).status).toBe(409);
  });

  it("are optional, and an escalation without them reads as before", async () => {
    const created = (await (await request("/api/v1/escalations", { method: "POST", body: JSON.stringify(escalationBody()) })).json()) as { id: string };
    const read = (await (await request(`/api/v1/escalations/${created.id}`)).json()) as Record<string, unknown>;
    expect(read).not.toHaveProperty("usePeriod");
    expect(read).not.toHaveProperty("referenceDatabase");
    expect(read).not.toHaveProperty("matchedInput");
  });

  it("are accepted in a batch, each item judged on its own: a period ending before it starts is refused, naming the field", async () => {
    const items = [
      { ...escalationBody({ externalId: "rbi-b1" }), ...identification },
      { ...escalationBody({ externalId: "rbi-b2" }), usePeriod: { start: "2026-11-22T10:00:00Z", end: "2026-11-22T09:00:00Z" } },
      { ...escalationBody({ externalId: "rbi-b3" }), referenceDatabase: "" },
    ];
    const answer = (await (await request("/api/v1/escalations/batch", { method: "POST", body: JSON.stringify({ items }) })).json()) as any;
    expect(answer.results.map((r: { result: string }) => r.result)).toEqual(["created", "error", "error"]);
    expect(answer.results[1].error.issues[0]).toMatchObject({ path: "items.1.usePeriod.end", message: "usePeriod.end must not be before usePeriod.start" });
    expect(answer.results[2].error.issues[0]).toMatchObject({ path: "items.2.referenceDatabase", message: "referenceDatabase must not be empty" });
    const read = (await (await request(`/api/v1/escalations/${answer.results[0].id}`)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ usePeriod: identification.usePeriod, referenceDatabase: identification.referenceDatabase });
  });

  it("refuses a period of use that is not ISO 8601, naming the field", async () => {
    const body = { ...escalationBody(), usePeriod: { start: "yesterday", end: "2026-11-22T09:00:00Z" } };
    const answer = await request("/api/v1/escalations", { method: "POST", body: JSON.stringify(body) });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as any).error.issues[0]).toMatchObject({ path: "usePeriod.start" });
  });

  it("are shown on the review screen", async () => {
    const created = (await (await request("/api/v1/escalations", { method: "POST", body: JSON.stringify({ ...escalationBody(), ...identification }) })).json()) as { id: string };
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    await reviewer.queue.claim({ escalationId: created.id });
    const view = await reviewer.reviews.view({ escalationId: created.id });
    expect(view.identification).toEqual(identification);
  });

  it("are described in the OpenAPI document, for systems under Art. 12(3)", () => {
    const input = (openApiDocument().components?.schemas as Record<string, any>).EscalationInput;
    for (const field of ["usePeriod", "referenceDatabase", "matchedInput"]) {
      expect(input.properties[field].description).toMatch(/Art\. 12\(3\).*remote biometric identification/);
    }
    expect(input.required).not.toContain("usePeriod");
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import type { InstructionsForUse } from "@countersign/shared/instructions";
import { Countersign } from "@countersign/client";
import { buildApp } from "../../app";
import { transaction } from "../../db/client";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { decideAs, machineClient } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";

let t: Awaited<ReturnType<typeof testDeps>>;
let systemId: string;
let key: string;
let admin: Awaited<ReturnType<typeof callerFor>>;

const first: InstructionsForUse = {
  provider: "Acme Refund AI GmbH",
  providerContact: "compliance@acme.example, +49 30 1234567",
  intendedPurpose: "Proposes refund decisions for damaged-goods claims up to 200 EUR.",
  knownLimitations: "Unreliable on photos taken in low light; never trained on furniture claims.",
  oversightInstructions: "Check the photo against the order line before approving; reject claims without a photo.",
};

beforeEach(async () => {
  t = testDeps();
  ({ system: { id: systemId }, key } = await addSystem(t.deps));
  admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
});

const auditActions = () =>
  statement(t.deps.db, "SELECT action, payload FROM audit_log WHERE action = 'instructions.versioned' ORDER BY seq").all<{ action: string; payload: string }>();

describe("instructions for use are versioned", () => {
  it("each edit is a new version with who and when; the earlier version stays exactly as it was", async () => {
    await expect(admin.instructions.record({ systemId, ...first })).resolves.toMatchObject({ version: 1 });
    t.advance(3600);
    await admin.instructions.record({ systemId, ...first, knownLimitations: "Also unreliable on glass items." });
    const history = await admin.instructions.history({ systemId });
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[1]).toMatchObject({ ...first, recordedBy: "admin", createdAt: "2026-11-22T09:00:00.000Z" });
    expect(history[0]).toMatchObject({ knownLimitations: "Also unreliable on glass items.", createdAt: "2026-11-22T10:00:00.000Z" });
    const entries = (await auditActions()).map((e) => JSON.parse(e.payload) as { version: number; instructionsId: string });
    expect(entries.map((e) => e.version)).toEqual([1, 2]);
    expect(entries[1]!.instructionsId).toBe(history[0]!.id);
  });

  it("a stored version cannot be changed or removed, not even by SQL", async () => {
    const { id } = await admin.instructions.record({ systemId, ...first });
    const bySql = (text: string) => transaction(t.deps.db, (tx) => statement(tx, text).run(id));
    await expect(bySql("UPDATE instructions_for_use SET known_limitations = 'none' WHERE id = ?")).rejects.toThrow(/append-only/);
    await expect(bySql("DELETE FROM instructions_for_use WHERE id = ?")).rejects.toThrow(/append-only/);
    expect((await admin.instructions.history({ systemId }))[0]).toMatchObject(first);
  });

  it("refuses an empty field, naming it", async () => {
    await expect(admin.instructions.record({ systemId, ...first, knownLimitations: "   " })).rejects.toThrow(/knownLimitations must not be empty/);
  });
});

describe("who may edit and read them", () => {
  it("a reviewer cannot record instructions for use, nor read their history", async () => {
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    await expect(reviewer.instructions.record({ systemId, ...first })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewer.instructions.history({ systemId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a lead and an auditor read the history but cannot record a version", async () => {
    await admin.instructions.record({ systemId, ...first });
    for (const [email, role] of [["lead@example.com", "lead"], ["audit@example.com", "auditor"]] as const) {
      const caller = callerFor(t.deps, await addUser(t.deps, email, [role]));
      await expect(caller.instructions.history({ systemId })).resolves.toHaveLength(1);
      await expect(caller.instructions.record({ systemId, ...first })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await auditActions()).toHaveLength(1);
  });
});

describe("the version in force goes with each verification", () => {
  it("a verification records the version in force when it was decided, and the REST resource names it", async () => {
    const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const before = (await receiveEscalation(t.deps, systemId, escalationBody({ externalId: "before" }))).id;
    await decideAs(t, reviewer, before, "approved");
    const v1 = await admin.instructions.record({ systemId, ...first });
    const during = (await receiveEscalation(t.deps, systemId, escalationBody({ externalId: "during" }))).id;
    await decideAs(t, reviewer, during, "approved");
    await admin.instructions.record({ systemId, ...first, oversightInstructions: "Also call the customer above 100 EUR." });

    const stored = await statement(t.deps.db, "SELECT instructions_version_id AS id FROM verifications ORDER BY decided_at").column();
    expect(stored).toEqual([null, v1.id]);
    const app = buildApp(t.deps);
    const read = async (id: string) => (await (await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as any;
    expect((await read(during)).decision.verifications[0].instructionsForUse).toEqual({ id: v1.id, version: 1 });
    expect((await read(before)).decision.verifications[0].instructionsForUse).toBeNull();
  });

  it("the review screen shows the version in force", async () => {
    const reviewerUser = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const reviewer = callerFor(t.deps, reviewerUser);
    const escalationId = (await receiveEscalation(t.deps, systemId, escalationBody())).id;
    await reviewer.queue.claim({ escalationId });
    expect((await reviewer.reviews.view({ escalationId })).instructions).toBeNull();
    await admin.instructions.record({ systemId, ...first });
    expect((await reviewer.reviews.view({ escalationId })).instructions).toMatchObject({ version: 1, ...first });
  });
});

describe("GET /api/v1/system/instructions", () => {
  it("an AI system reads its own instructions in force, never another system's", async () => {
    const app = buildApp(t.deps);
    const client = machineClient(app, key);
    const get = (apiKey: string) => app.request("/api/v1/system/instructions", { headers: { authorization: `Bearer ${apiKey}` } });
    expect((await get(key)).status).toBe(404);
    await admin.instructions.record({ systemId, ...first });
    const answer = await get(key);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ version: 1, ...first });
    const viaClient = new Countersign({ baseUrl: "http://countersign.test", apiKey: key, fetch: ((url, init) => app.request(String(url), init)) as typeof fetch });
    await expect(viaClient.instructionsForUse()).resolves.toMatchObject({ version: 1, provider: first.provider });
    const { key: otherKey } = await addSystem(t.deps, "loan-approval");
    expect((await get(otherKey)).status).toBe(404);
    expect((await client.state()).status).toBe(200);
    expect((await app.request("/api/v1/system/instructions")).status).toBe(401);
  });
});

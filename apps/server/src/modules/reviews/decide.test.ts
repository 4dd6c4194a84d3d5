import { eq } from "drizzle-orm";
import pg from "pg";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testEngine } from "../../db/pg/test-database";
import type { DecideInput } from "@countersign/shared/review";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { escalations } from "../../db/schema/escalations";
import { aiSystems } from "../../db/schema/systems";
import { operator } from "../../lib/context";
import { setReviewPolicy } from "../systems/update-system";
import { receiveEscalation } from "../escalations/receive";
import { shownContentSha256 } from "./shown-content";

let t: Awaited<ReturnType<typeof testDeps>>;
let escalationId: string;
let systemId: string;
let reviewer: Awaited<ReturnType<typeof callerFor>>;

const complete: Omit<DecideInput, "escalationId"> = {
  outcome: "approved",
  checklist: { "matches-request": "yes", "within-policy": "yes" },
  rationale: "Photo confirms the damage; amount matches the order line exactly.",
};
const heartbeats = (seconds: number) => attend(t, reviewer, escalationId, seconds);
const decide = (overrides: Partial<DecideInput> = {}, caller = reviewer) =>
  caller.reviews.decide({ escalationId, ...complete, ...overrides });

beforeEach(async () => {
  t = testDeps();
  const { system } = await addSystem(t.deps);
  systemId = system.id;
  escalationId = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
  reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
  await reviewer.queue.claim({ escalationId });
});

describe("the server enforces every review rule", () => {
  it("a reviewer cannot approve before the minimum dwell time of active review", async () => {
    await heartbeats(12);
    await expect(decide()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/at least 20 s .* 8 s to go/),
    });
    await heartbeats(8);
    await expect(decide()).resolves.toMatchObject({ outcome: "approved" });
  });

  it.runIf(testEngine() === "postgres")("on PostgreSQL, a decision counts its reviewer's day (its system's and every system's) in one read and one write", async () => {
    await heartbeats(20);
    const sent = vi.spyOn(pg.Client.prototype, "query");
    try {
      await expect(decide()).resolves.toMatchObject({ outcome: "approved" });
      const texts = sent.mock.calls.map(([query]) => (typeof query === "string" ? query : (query as { text: string }).text));
      const tallies = texts.filter((text) => /verification_tallies/.test(text)).map((text) => text.trim().split(/\s+/)[0]!.toUpperCase());
      expect(tallies).toEqual(["SELECT", "INSERT"]);
    } finally {
      sent.mockRestore();
    }
    const days = await statement(t.deps.db, "SELECT system_id, decisions FROM verification_tallies ORDER BY system_id").all();
    expect(days).toEqual([{ system_id: "*", decisions: 1 }, { system_id: systemId, decisions: 1 }]);
  });

  it("a reviewer cannot approve with an unanswered checklist item", async () => {
    await heartbeats(30);
    await expect(decide({ checklist: { "matches-request": "yes" } })).rejects.toThrow(/missing: "The refund is within policy"/);
  });

  it("a reviewer cannot decide with a rationale shorter than the policy minimum", async () => {
    await heartbeats(30);
    await expect(decide({ outcome: "rejected", rationale: "   looks wrong      " })).rejects.toThrow(
      /rationale needs at least 40 characters; it has 11/,
    );
  });

  it("an edited policy applies to the very next decision", async () => {
    await heartbeats(30);
    const rationale = "Photo confirms it; amount is right.";
    await expect(decide({ rationale })).rejects.toThrow(/rationale needs at least 40 characters; it has 35/);
    const { policy } = (await t.deps.db.select({ policy: aiSystems.policy }).from(aiSystems).where(eq(aiSystems.id, systemId)).get())!;
    await setReviewPolicy(t.deps, operator, systemId, { ...policy, minRationaleChars: 30 });
    await expect(decide({ rationale })).resolves.toMatchObject({ outcome: "approved" });
  });

  it("a modification needs the corrected output", async () => {
    await heartbeats(30);
    await expect(decide({ outcome: "modified", correctedOutput: "  " })).rejects.toThrow(/needs the corrected output/);
  });

  it("refuses checklist answers the policy does not ask for", async () => {
    await heartbeats(30);
    await expect(decide({ checklist: { ...complete.checklist, "made-up": "yes" } })).rejects.toThrow(/unknown checklist items: made-up/);
  });

  it("names the field of each broken rule", async () => {
    await heartbeats(1);
    const error = await decide({ checklist: {}, rationale: "ok" }).catch((e) => e);
    expect(error.cause.issues.map((i: { path: string }) => i.path)).toEqual(["outcome", "checklist", "rationale"]);
  });

  it("reject and escalate do not wait for the dwell time, but still need a rationale", async () => {
    await heartbeats(2);
    await expect(decide({ outcome: "escalated", checklist: {}, rationale: "Needs a lead: customer threatens legal action." })).resolves.toBeTruthy();
  });

  it("a reviewer cannot decide an item twice", async () => {
    await heartbeats(30);
    await decide();
    await expect(decide()).rejects.toThrow(/already been decided/);
  });

  it("someone else's lease cannot be decided on", async () => {
    const other = callerFor(t.deps, await addUser(t.deps, "other@example.com", ["reviewer"]));
    await heartbeats(30);
    await expect(decide({}, other)).rejects.toThrow(/only the reviewer holding the lease/);
  });

  it("an expired lease cannot be decided on", async () => {
    t.advance(16 * 60);
    await expect(decide()).rejects.toThrow(/lease on this escalation has expired/);
  });

  it("stores the verification: times, server-measured active time, checklist, evidence opened and the content hash", async () => {
    const view = await reviewer.reviews.view({ escalationId });
    expect(view.evidence[0]).toMatchObject({ title: "Customer photo", content: null, opened: false });
    await heartbeats(5);
    const opened = await reviewer.reviews.openEvidence({ escalationId, evidenceIndex: 0 });
    expect(opened.content).toBe("Photo shows a cracked kettle base.");
    await heartbeats(25);
    await decide();
    const stored = (await statement(t.deps.db, "SELECT * FROM verifications WHERE escalation_id = ?").get<Record<string, unknown>>(escalationId))!;
    expect(stored).toMatchObject({
      outcome: "approved",
      active_seconds: 30,
      evidence_opened: "[0]",
      content_sha256: shownContentSha256((await t.deps.db.select().from(escalations).where(eq(escalations.id, escalationId)).get())!),
      decided_at: (stored.claimed_at as number) + 30_000,
    });
    expect(JSON.parse(stored.checklist as string)).toEqual(complete.checklist);
  });

  it("stores what did not happen as absent, not as the text 'null' or as false: the lead's indicators count only what happened", async () => {
    await heartbeats(30);
    await decide();
    const stored = await statement(
      t.deps.db,
      `SELECT corrected_output IS NULL AS noCorrection, supporting_evidence IS NULL AS noSupportingEvidence,
              attention_check IS NULL AS noAttentionCheck, attention_correct IS NULL AS noAttentionAnswer, gold_caught IS NULL AS notGold
         FROM verifications WHERE escalation_id = ?`,
    ).get<Record<string, number | boolean>>(escalationId);
    // A comparison is 1/0 on SQLite, true/false on PostgreSQL.
    expect(Object.fromEntries(Object.entries(stored!).map(([name, value]) => [name, Number(value)]))).toEqual({ noCorrection: 1, noSupportingEvidence: 1, noAttentionCheck: 1, noAttentionAnswer: 1, notGold: 1 });
  });

  it("a browser cannot report its own active time", async () => {
    await heartbeats(30);
    await expect(decide({ activeSeconds: 9999 } as Partial<DecideInput>)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("roles", () => {
  it("a lead, an auditor and an admin cannot claim or decide", async () => {
    for (const role of ["lead", "auditor", "admin"] as const) {
      const caller = callerFor(t.deps, await addUser(t.deps, `${role}@example.com`, [role]));
      await expect(caller.queue.claimNext({})).rejects.toMatchObject({ code: "FORBIDDEN" });
      // A lead reaches decide only with a lease, which only taking up a dispute gives (resolve.test.ts).
      await expect(caller.reviews.decide({ escalationId, ...complete })).rejects.toMatchObject({ code: role === "lead" ? "CONFLICT" : "FORBIDDEN" });
    }
  });

  it("a reviewer cannot read the audit timeline or manage systems and users", async () => {
    await expect(reviewer.audit.timeline({ escalationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewer.systems.create({ slug: "x-sys", name: "X", oversightMode: "HOTL" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reviewer.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an auditor reads the timeline but cannot change anything", async () => {
    const auditor = callerFor(t.deps, await addUser(t.deps, "aud@example.com", ["auditor"]));
    const timeline = await auditor.audit.timeline({ escalationId });
    expect(timeline.map((e) => e.action)).toEqual(["escalation.received", "escalation.claimed"]);
    expect(timeline[1]!.actorName).toBe("rev");
    await expect(auditor.users.create({ email: "x@example.com", name: "X", roles: ["admin"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(auditor.queue.release({ escalationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("nobody signed out can call anything but sign-in", async () => {
    const anonymous = callerFor(t.deps, null);
    await expect(anonymous.queue.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.reviews.view({ escalationId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { DecideInput } from "@countersign/shared/review";
import { verifications } from "../../db/schema/reviews";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { attend } from "../../testing/operations";
import { receiveEscalation } from "../escalations/receive";

let t: Awaited<ReturnType<typeof testDeps>>;
let first: string;
let second: string;
let reviewer: Awaited<ReturnType<typeof callerFor>>;

const complete: Omit<DecideInput, "escalationId"> = {
  outcome: "approved",
  checklist: { "matches-request": "yes", "within-policy": "yes" },
  rationale: "Photo confirms the damage; amount matches the order line exactly.",
};
const decideAndNext = (overrides: Partial<DecideInput & { leaving: boolean }> = {}, caller = reviewer) =>
  caller.reviews.decideAndClaimNext({ escalationId: first, ...complete, ...overrides });
const stateOf = async (escalationId: string) => (await callerFor(t.deps, await addUser(t.deps, `lead-${Math.random()}@example.com`, ["lead"])).reviews.detail({ escalationId })).status;

beforeEach(async () => {
  t = testDeps();
  const { system } = await addSystem(t.deps);
  first = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
  t.advance(1);
  second = (await receiveEscalation(t.deps, system.id, escalationBody())).id;
  reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
  await reviewer.queue.claim({ escalationId: first });
});

describe("decide & next in one request", () => {
  it("records the decision, claims the next item and answers with its review screen", async () => {
    await attend(t, reviewer, first, 20);
    const answer = await decideAndNext();
    expect(answer.decided).toMatchObject({ outcome: "approved", status: "decided" });
    expect(answer.next).toMatchObject({ id: second, situation: { activeSeconds: 0 } });
    expect(answer.nextRefused).toBeNull();
    // The next item is the reviewer's: its view and heartbeats answer them, as after queue.claimNext.
    await expect(reviewer.reviews.view({ escalationId: second })).resolves.toMatchObject({ id: second });
    await expect(reviewer.queue.heartbeat({ escalationId: second })).resolves.toBeTruthy();
  });

  it("credits the seconds since the previous heartbeat, as the review screen's last heartbeat did", async () => {
    await attend(t, reviewer, first, 12);
    t.advance(8);
    const answer = await decideAndNext();
    expect(answer.decided.status).toBe("decided");
    const stored = await t.deps.db.select({ activeSeconds: verifications.activeSeconds }).from(verifications).where(eq(verifications.escalationId, first)).get();
    expect(stored).toEqual({ activeSeconds: 20 });
  });

  it("a reviewer cannot earn the dwell through it: a gap longer than a heartbeat interval earns nothing, and the refusal claims nothing", async () => {
    await attend(t, reviewer, first, 12);
    t.advance(60);
    await expect(decideAndNext()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/at least 20 s .* 8 s to go/) });
    expect(await stateOf(second)).toBe("queued");
    await expect(reviewer.reviews.view({ escalationId: second })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a refused decision keeps the heartbeat's credit, as a heartbeat sent on its own did", async () => {
    await attend(t, reviewer, first, 12);
    t.advance(5);
    await expect(decideAndNext()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/3 s to go/) });
    t.advance(3);
    await expect(reviewer.queue.heartbeat({ escalationId: first })).resolves.toMatchObject({ activeSeconds: 20 });
    await expect(decideAndNext()).resolves.toMatchObject({ decided: { status: "decided" }, next: { id: second } });
  });

  it("when the queue is empty, the decision stands and nothing is claimed", async () => {
    await attend(t, reviewer, first, 20);
    await decideAndNext();
    await attend(t, reviewer, second, 20);
    const answer = await decideAndNext({ escalationId: second, rationale: "Second item: the order line and the refund amount agree." });
    expect(answer).toMatchObject({ decided: { status: "decided" }, next: null, nextRefused: null });
  });

  it("a lead cannot use it: a lead decides only a dispute taken up, and never claims a next item", async () => {
    const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
    await expect(decideAndNext({}, lead)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stateOf(second)).toBe("queued");
  });
});

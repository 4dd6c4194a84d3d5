import { describe, expect, it } from "vitest";
import type { Role } from "@countersign/shared/enums";
import { attend } from "../../testing/operations";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import type { UserSummary } from "../users/queries";
import { receiveEscalation } from "../escalations/receive";
import { inOrder } from "../../lib/in-order";

async function decideAs(t: Awaited<ReturnType<typeof testDeps>>, reviewer: UserSummary, escalationId: string) {
  const caller = callerFor(t.deps, reviewer);
  await caller.queue.claim({ escalationId });
  await attend(t, caller, escalationId, 30);
  await caller.reviews.decide({
    escalationId,
    outcome: "approved",
    checklist: { "matches-request": "yes", "within-policy": "yes" },
    rationale: `${reviewer.name} approved ${escalationId} after checking the order and the customer's photo.`,
  });
}

async function twoReviewersDecided() {
  const t = testDeps();
  const { system } = await addSystem(t.deps);
  const [anas, bens] = await Promise.all(["order-1", "order-2"].map(async (externalId) => (await receiveEscalation(t.deps, system.id, escalationBody({ externalId }))).id)) as [string, string];
  const [ana, ben] = (await inOrder(["ana", "ben"], (name) => addUser(t.deps, `${name}@example.com`, ["reviewer"]))) as [UserSummary, UserSummary];
  return { t, anas, bens, ana, ben };
}

describe("the decided list", () => {
  it("shows a reviewer only the escalations they verified themselves", async () => {
    const { t, anas, bens, ana, ben } = await twoReviewersDecided();
    await decideAs(t, ana, anas);
    await decideAs(t, ben, bens);
    const decided = await callerFor(t.deps, ana).queue.list({ status: "decided" });
    expect(decided.rows.map((row) => row.id)).toEqual([anas]);
    expect(decided.total).toBe(1);
  });

  it("a reviewer cannot list another reviewer's decisions, not even by searching for them", async () => {
    const { t, anas, bens, ana, ben } = await twoReviewersDecided();
    await decideAs(t, ana, anas);
    await decideAs(t, ben, bens);
    const found = await callerFor(t.deps, ana).queue.list({ status: "decided", search: "order-2" });
    expect(found.rows).toEqual([]);
  });

  it.each<{ roles: Role[] }>([{ roles: ["lead"] }, { roles: ["auditor"] }, { roles: ["admin"] }, { roles: ["reviewer", "lead"] }])(
    "$roles keep everyone's decided escalations in view",
    async ({ roles }) => {
      const { t, anas, bens, ana, ben } = await twoReviewersDecided();
      await decideAs(t, ana, anas);
      await decideAs(t, ben, bens);
      const overseer = callerFor(t.deps, await addUser(t.deps, `${roles.join("-")}@example.com`, roles));
      const decided = await overseer.queue.list({ status: "decided" });
      expect(decided.rows.map((row) => row.id).sort()).toEqual([anas, bens].sort());
    },
  );
});

import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import type { Role } from "@countersign/shared/enums";
import { attend } from "../../testing/operations";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import type { UserSummary } from "../users/queries";
import { receiveEscalation } from "../escalations/receive";
import { inOrder } from "../../lib/in-order";
import { testEngine } from "../../db/pg/test-database";

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

describe("the queue page on PostgreSQL", () => {
  // A search's matches are listed by key, and counting them costs about as much as reading the page.
  it.runIf(testEngine() === "postgres")("reads the page while the total is being counted, on two connections", async () => {
    const { deps } = testDeps();
    const { system } = await addSystem(deps);
    await inOrder(["order-1", "order-2", "order-3"], (externalId) => receiveEscalation(deps, system.id, escalationBody({ externalId })));
    const reviewer = await addUser(deps, "a@example.com", ["reviewer"]);
    const caller = callerFor(deps, reviewer);
    await caller.queue.list({ search: "order" });
    const query = pg.Client.prototype.query;
    const events: string[] = [];
    const sent = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const text = String(typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text ?? "").trim();
      const what = /^select count\(\*\)/i.test(text) ? "count" : /^select "escalations"\."id"/i.test(text) ? "page" : undefined;
      if (what) {
        events.push(`sent ${what}`);
        const answered = args.at(-1);
        if (typeof answered === "function") args[args.length - 1] = (...result: unknown[]) => (events.push(`answered ${what}`), answered(...result));
      }
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (what && result instanceof Promise) void result.then(() => events.push(`answered ${what}`), () => undefined);
      return result as never;
    });
    try {
      const page = await caller.queue.list({ search: "order" });
      expect(page.total).toBe(3);
      expect(page.rows).toHaveLength(3);
      expect(events.slice(0, 2)).toEqual(["sent count", "sent page"]);
    } finally {
      sent.mockRestore();
    }
  });
});

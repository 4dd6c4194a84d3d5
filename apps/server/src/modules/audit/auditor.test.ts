import { describe, expect, it } from "vitest";
import { appRouter } from "../../trpc/router";
import { trpcProcedures } from "../../testing/endpoints";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { receiveEscalation } from "../escalations/receive";
import { statement } from "../../lib/prepared";

type Procedure = { _def: { type: "query" | "mutation" | "subscription" } };

/** Every mutation in the workbench API, by path. */
const mutations = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
  .filter(([, procedure]) => procedure._def.type === "mutation")
  .map(([path]) => path);

describe("the auditor role", () => {
  it("cannot claim, decide or change anything: every mutation but signing in and out and their own notification settings is FORBIDDEN", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps);
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    const auditor = callerFor(t.deps, await addUser(t.deps, "aud@example.com", ["auditor"]));
    // An auditor's own notification preferences touch nothing under oversight; every other mutation must refuse.
    const ownSettings = trpcProcedures().filter((p) => p.permission === "manageOwnNotifications").map((p) => p.path);
    expect(ownSettings.length).toBeGreaterThan(0);
    const checked = mutations.filter((path) => !path.startsWith("auth.") && !ownSettings.includes(path));
    expect(checked).toEqual(expect.arrayContaining(["queue.claim", "queue.claimNext", "reviews.decide", "reviews.resolve", "qualifications.grant", "systems.halt"]));
    for (const path of checked) {
      const call = path.split(".").reduce<any>((node, key) => node[key], auditor);
      await expect(call({ escalationId: id, systemId: system.id }), path).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const untouched = await statement(t.deps.db, "SELECT status, lease_holder_id FROM escalations WHERE id = ?").get(id);
    expect(untouched).toEqual({ status: "queued", lease_holder_id: null });
  });

  it("reads the trail, the explanation, qualifications and the public key", async () => {
    const t = testDeps();
    const { system } = await addSystem(t.deps);
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
    const auditor = callerFor(t.deps, await addUser(t.deps, "aud@example.com", ["auditor"]));
    await expect(auditor.audit.trail({ query: id })).resolves.toMatchObject({ matches: [expect.anything()] });
    await expect(auditor.audit.explanation({ escalationId: id })).resolves.toMatchObject({ decision: null });
    await expect(auditor.qualifications.list({})).resolves.toEqual([]);
    await expect(auditor.audit.publicKey()).resolves.toMatchObject({ pem: expect.stringContaining("BEGIN PUBLIC KEY") });
  });
});

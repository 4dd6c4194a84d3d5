import { beforeEach, describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, testDeps } from "../../testing/fixtures";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
beforeEach(() => {
  t = testDeps();
});

const auditCount = async (action: string) =>
  await statement(t.deps.db, "SELECT count(*) FROM audit_log WHERE action = ?").value(action) as number;

describe("no one-click escalation of power: an admin cannot disarm themselves", () => {
  it("an admin cannot deactivate their own account, and nothing is written", async () => {
    const ada = await addUser(t.deps, "ada@example.com", ["admin"]);
    const before = await auditCount("user.updated");
    await expect(callerFor(t.deps, ada).users.setActive({ userId: ada.id, active: false })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "you cannot deactivate your own account",
    });
    const me = (await callerFor(t.deps, ada).users.list()).find((u) => u.id === ada.id);
    expect(me?.active).toBe(true);
    expect(await auditCount("user.updated")).toBe(before);
  });

  it("an admin cannot remove their own admin role, even while keeping others", async () => {
    const ada = await addUser(t.deps, "ada@example.com", ["admin", "lead"]);
    await expect(callerFor(t.deps, ada).users.setRoles({ userId: ada.id, roles: ["lead"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "you cannot remove your own admin role",
    });
    const me = (await callerFor(t.deps, ada).users.list()).find((u) => u.id === ada.id);
    expect(me?.roles.sort()).toEqual(["admin", "lead"]);
    expect(await auditCount("user.roles_changed")).toBe(0);
  });

  it("another admin can deactivate an admin and take away the admin role, audited", async () => {
    const ada = await addUser(t.deps, "ada@example.com", ["admin"]);
    const grace = await addUser(t.deps, "grace@example.com", ["admin", "reviewer"]);
    const caller = callerFor(t.deps, ada);
    await caller.users.setRoles({ userId: grace.id, roles: ["reviewer"] });
    await caller.users.setActive({ userId: grace.id, active: false });
    const after = (await caller.users.list()).find((u) => u.id === grace.id);
    expect(after).toMatchObject({ active: false, roles: ["reviewer"] });
    expect(await auditCount("user.roles_changed")).toBe(1);
  });

  it("an admin may change their own other roles as long as admin stays", async () => {
    const ada = await addUser(t.deps, "ada@example.com", ["admin"]);
    await callerFor(t.deps, ada).users.setRoles({ userId: ada.id, roles: ["admin", "lead"] });
    expect((await callerFor(t.deps, ada).users.list()).find((u) => u.id === ada.id)?.roles.sort()).toEqual(["admin", "lead"]);
  });

  it("a lead cannot change anyone's roles or deactivate anyone", async () => {
    const lead = await addUser(t.deps, "lee@example.com", ["lead"]);
    const other = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, lead).users.setRoles({ userId: lead.id, roles: ["admin", "lead"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.deps, lead).users.setActive({ userId: other.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("an API key needs a label", () => {
  it("issuing a key without a label, or with a blank one, is refused naming the field as the form does", async () => {
    const { system } = await addSystem(t.deps);
    const admin = callerFor(t.deps, await addUser(t.deps, "ada@example.com", ["admin"]));
    // @ts-expect-error the label is required: the procedure's input says so too
    await expect(admin.systems.issueKey({ systemId: system.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.systems.issueKey({ systemId: system.id, label: "   " })).rejects.toThrow(/Key label is required/);
    const issued = await admin.systems.issueKey({ systemId: system.id, label: "production gateway" });
    expect((await admin.systems.keys({ systemId: system.id })).find((k) => k.prefix === issued.prefix)?.label).toBe("production gateway");
  });
});

import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../db/client";
import { auditLog } from "../db/schema/audit";
import { users } from "../db/schema/users";
import { verifyPassword } from "../modules/users/password";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();
const cs = (...argv: string[]) => countersign(["--db", temp.dbPath, ...argv]);

describe("countersign user add", () => {
  it("creates the user and prints a one-time password that signs them in, said to be shown once", async () => {
    const run = await cs("user", "add", "--email", "Ana.Lima@Example.com", "--name", "Ana Lima", "--roles", "reviewer, lead");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("shown only this once");
    const password = /^ {2}(\S+)$/m.exec(run.stdout)?.[1];
    const userId = /^User id: (usr_\w+)$/m.exec(run.stdout)?.[1];
    const db = openDb(temp.dbPath);
    const stored = (await db.select().from(users).where(eq(users.email, "ana.lima@example.com")).get())!;
    expect(stored.id).toBe(userId);
    expect(await verifyPassword(password!, stored.passwordHash)).toBe(true);
    expect(run.stdout).not.toContain(stored.passwordHash);
    const entry = (await db.select().from(auditLog).where(eq(auditLog.entityId, stored.id)).get())!;
    expect(entry).toMatchObject({ action: "user.created", actorType: "operator", payload: '{"roles":["reviewer","lead"]}' });
    db.$client.close();
  });

  it("cannot create a second user with the same email, and names the field", async () => {
    await cs("user", "add", "--email", "ana@example.com", "--name", "Ana", "--roles", "reviewer");
    const run = await cs("user", "add", "--email", "ANA@example.com", "--name", "Ana again", "--roles", "admin");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("error: a user with email ana@example.com already exists");
    expect(run.stderr).toContain("email: email is already in use");
  });

  it("names every invalid field and the rule it breaks, without a stack trace", async () => {
    const run = await cs("user", "add", "--email", "not-an-email", "--name", " ", "--roles", "admin");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("email: Email must be a valid email address");
    expect(run.stderr).toContain("name: Name is required");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an unknown role and lists the roles there are", async () => {
    const run = await cs("user", "add", "--email", "a@example.com", "--name", "A", "--roles", "reviewer,boss");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('"boss" is not a role; roles are reviewer, lead, auditor, admin');
  });

  it("says which option is missing", async () => {
    const run = await cs("user", "add", "--email", "a@example.com", "--name", "A");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("required option '--roles <roles>' not specified");
  });

  it("leaves no new database file behind when the command fails", async () => {
    const run = await cs("user", "add", "--email", "nope", "--name", "A", "--roles", "admin");
    expect(run.code).toBe(1);
    expect(existsSync(temp.dbPath)).toBe(false);
  });
});

describe("countersign user list", () => {
  it("lists every user with their roles", async () => {
    await cs("user", "add", "--email", "lena@example.com", "--name", "Lena Fischer", "--roles", "lead,reviewer");
    const run = await cs("user", "list");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^EMAIL\s+NAME\s+ROLES\s+STATUS\s+ID$/m);
    expect(run.stdout).toMatch(/^lena@example\.com\s+Lena Fischer\s+lead,reviewer\s+active\s+usr_\w+$/m);
  });

  it("does not create a database where there is none, and says where it looked", async () => {
    const run = await cs("user", "list");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no Countersign database at ${temp.dbPath}`);
    expect(existsSync(temp.dbPath)).toBe(false);
  });
});

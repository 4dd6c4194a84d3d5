import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addUser, testDeps, testPassword } from "../../testing/fixtures";
import { statement } from "../../lib/prepared";

const trpcPost = (app: Awaited<ReturnType<typeof buildApp>>, path: string, body: unknown, cookie?: string) =>
  app.request(`/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe("signing in", () => {
  it("sets an httpOnly session cookie that opens the workbench, and signing out ends it", async () => {
    const t = testDeps();
    const app = buildApp(t.deps);
    await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const res = await trpcPost(app, "auth.signIn", { email: "REV@example.com ", password: testPassword });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/countersign_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0]!;
    const me = (await (await app.request("/trpc/auth.me", { headers: { cookie } })).json()) as { result: { data: { email: string; roles: string[] } } };
    expect(me.result.data).toMatchObject({ email: "rev@example.com", roles: ["reviewer"] });
    await trpcPost(app, "auth.signOut", {}, cookie);
    const after = (await (await app.request("/trpc/auth.me", { headers: { cookie } })).json()) as { result: { data: unknown } };
    expect(after.result.data).toBeNull();
  });

  it("refuses a wrong password, audit-logs the failure and stores no password in clear", async () => {
    const t = testDeps();
    const app = buildApp(t.deps);
    const user = await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const res = await trpcPost(app, "auth.signIn", { email: "rev@example.com", password: "not the password" });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    const failed = await statement(t.deps.db, "SELECT actor_id, payload FROM audit_log WHERE action = 'auth.sign_in_failed'").get();
    expect(failed).toEqual({ actor_id: user.id, payload: '{"method":"password","reason":"wrong password"}' });
    const stored = await statement(t.deps.db, "SELECT password_hash FROM users").value() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(testPassword);
  });

  it("answers invalid input with a 400 that names the field", async () => {
    const t = testDeps();
    const res = await trpcPost(buildApp(t.deps), "auth.signIn", { email: "", password: 7 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { issues: { path: string }[] } } };
    expect(body.error.data.issues.map((i) => i.path)).toEqual(["email", "password"]);
    expect(body.error.message).toMatch(/email: email is required/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addUser, callerFor, testDeps } from "../../testing/fixtures";
import { startTestProvider, type TestProvider } from "../../testing/oidc-provider";
import { auditedAs, ssoApp } from "../../testing/sso";
import { leaveForProvider, redirectUri, signInThroughProvider } from "../../testing/sso-browser";
import { verifyAuditLog } from "../../audit/verify";
import { statement } from "../../lib/prepared";

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider({ redirectUri });
});
afterAll(() => provider.close());

let people = 0;
/** A person of their own at the provider, so tests never share an account. */
function person(groups: string[], domain = "example.com") {
  const login = `person-${++people}`;
  provider.directory.set(login, { email: `${login}@${domain}`, name: `Person ${people}`, groups });
  return login;
}

async function meOf(app: Awaited<ReturnType<typeof buildApp>>, session: string) {
  const res = await app.request("/trpc/auth.me", { headers: { cookie: `countersign_session=${session}` } });
  return ((await res.json()) as { result: { data: { id: string; email: string; roles: string[] } | null } }).result.data;
}

describe("single sign-on through the company's identity provider", () => {
  it("a first sign-in creates the user, keyed by issuer and subject, with the roles the provider's groups map to", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const login = person(["cs-reviewers", "unrelated-group"]);
    const back = await signInThroughProvider(app, provider, login);
    expect(back.status).toBe(302);
    expect(back.location).toBe("/");
    expect(back.session).toBeTruthy();
    const me = await meOf(app, back.session!);
    expect(me).toMatchObject({ email: `${login}@example.com`, roles: ["reviewer"] });
    const row = await statement(t.deps.db, "SELECT oidc_issuer, oidc_subject, password_hash FROM users WHERE id = ?").get(me!.id);
    expect(row).toEqual({ oidc_issuer: provider.issuer, oidc_subject: login, password_hash: "" });
    expect(await auditedAs(t, "user.created")).toEqual([
      { actor_type: "server", actor_id: null, entity_id: me!.id, payload: { roles: ["reviewer"], method: "oidc" } },
    ]);
    expect(await auditedAs(t, "auth.signed_in")).toEqual([{ actor_type: "user", actor_id: me!.id, entity_id: me!.id, payload: { method: "oidc" } }]);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("sends the browser to the provider with PKCE (S256), a state and a nonce of its own, kept in a short-lived httpOnly cookie", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const res = await app.request("http://countersign.test/auth/oidc/login");
    const to = new URL(res.headers.get("location")!);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get("redirect_uri")).toBe(redirectUri);
    expect(to.searchParams.get("code_challenge_method")).toBe("S256");
    expect(to.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get("state")).toBeTruthy();
    expect(to.searchParams.get("nonce")).toBeTruthy();
    expect(to.searchParams.get("scope")).toBe("openid email profile groups");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("countersign_oidc="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/i);
    expect(cookie).toMatch(/Path=\/auth\/oidc/i);
    const again = new URL((await app.request("http://countersign.test/auth/oidc/login")).headers.get("location")!);
    expect(again.searchParams.get("state")).not.toBe(to.searchParams.get("state"));
  });

  it("sets the session cookie exactly as password sign-in does: httpOnly, SameSite=Lax, for the whole workbench", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const { callback, jar } = await leaveForProvider(app, provider, person(["cs-leads"]));
    const res = await app.request(`http://countersign.test${callback.pathname}${callback.search}`, { headers: { cookie: jar.header() } });
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("countersign_session="))).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/i);
    expect(cookies.find((c) => c.startsWith("countersign_session="))).toMatch(/Path=\//);
    // The pending sign-in's secrets are spent with it.
    expect(cookies.find((c) => c.startsWith("countersign_oidc="))).toMatch(/Max-Age=0/i);
  });

  it("roles follow the provider at each sign-in, a change audited as user.roles_changed by the system", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const login = person(["cs-reviewers"]);
    const first = await signInThroughProvider(app, provider, login);
    const id = (await meOf(app, first.session!))!.id;

    provider.directory.get(login)!.groups = ["cs-leads", "cs-reviewers"];
    const second = await signInThroughProvider(app, provider, login);
    expect((await meOf(app, second.session!))!.roles).toEqual(["lead", "reviewer"]);

    provider.directory.get(login)!.groups = [];
    const third = await signInThroughProvider(app, provider, login);
    expect((await meOf(app, third.session!))!.roles).toEqual([]);
    // The same groups again change nothing, and write nothing.
    await signInThroughProvider(app, provider, login);

    expect(await auditedAs(t, "user.roles_changed")).toEqual([
      { actor_type: "server", actor_id: null, entity_id: id, payload: { before: ["reviewer"], after: ["lead", "reviewer"], source: "oidc" } },
      { actor_type: "server", actor_id: null, entity_id: id, payload: { before: ["lead", "reviewer"], after: [], source: "oidc" } },
    ]);
    expect(await auditedAs(t, "auth.signed_in")).toHaveLength(4);
  });

  it("a person with no mapped group gets an account without a role, which opens nothing but the wait", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const back = await signInThroughProvider(app, provider, person(["marketing"]));
    expect(back.location).toBe("/");
    expect((await meOf(app, back.session!))!.roles).toEqual([]);
    const queue = await app.request("/trpc/queue.list", { headers: { cookie: `countersign_session=${back.session}` } });
    expect(queue.status).toBe(403);
    expect((await auditedAs(t, "user.created"))[0]!.payload).toEqual({ roles: [], method: "oidc" });
  });

  it("the user is the provider's subject, not an email: a new address at the provider is still the same user", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const login = person(["cs-reviewers"]);
    const before = await meOf(app, (await signInThroughProvider(app, provider, login)).session!);
    provider.directory.get(login)!.email = `${login}.renamed@example.com`;
    const after = await meOf(app, (await signInThroughProvider(app, provider, login)).session!);
    expect(after!.id).toBe(before!.id);
    expect(await statement(t.deps.db, "SELECT count(*) FROM users").value()).toBe(1);
  });

  it("without a role map, roles are the admins' to grant: sign-in neither grants nor takes any", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider, { settings: { roleMap: null } });
    const back = await signInThroughProvider(app, provider, person(["cs-reviewers"]));
    expect((await meOf(app, back.session!))!.roles).toEqual([]);
  });

  it("the admins' user list says who signs in through SSO and who with a password; only admins may read it", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const admin = await addUser(t.deps, "admin@example.com", ["admin"]);
    const login = person(["cs-reviewers"]);
    await signInThroughProvider(app, provider, login);
    const listed = await callerFor(t.deps, admin).users.list();
    expect(listed.map((u) => [u.email, u.signsInWith])).toEqual([
      ["admin@example.com", "password"],
      [`${login}@example.com`, "sso"],
    ]);
    const reviewer = listed.find((u) => u.signsInWith === "sso")!;
    await expect(callerFor(t.deps, reviewer).users.list()).rejects.toThrow(/admin role/);
  });

  it("no token, code or verifier reaches the audit log", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const { callback, jar } = await leaveForProvider(app, provider, person(["cs-reviewers"]));
    await app.request(`http://countersign.test${callback.pathname}${callback.search}`, { headers: { cookie: jar.header() } });
    const payloads = (await statement(t.deps.db, "SELECT payload FROM audit_log").column()).join("\n");
    expect(payloads).not.toContain(callback.searchParams.get("code")!);
    expect(payloads).not.toContain(callback.searchParams.get("state")!);
    expect(payloads).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // a JWT (ID or access token)
  });
});

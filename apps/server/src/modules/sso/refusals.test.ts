import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addUser, testDeps, testPassword } from "../../testing/fixtures";
import { startTestProvider, type TestProvider } from "../../testing/oidc-provider";
import { auditedAs, ssoApp } from "../../testing/sso";
import { CookieJar, leaveForProvider, publicUrl, redirectUri, returnToCountersign, signInThroughProvider } from "../../testing/sso-browser";
import { setUserActive } from "../users/set-roles";
import { defaultSignInLimits } from "../users/sign-in-throttle";
import { statement } from "../../lib/prepared";

let provider: TestProvider;
beforeAll(async () => {
  provider = await startTestProvider({ redirectUri });
});
afterAll(() => provider.close());

let people = 0;
function person(groups: string[], domain = "example.com", emailVerified?: boolean) {
  const login = `refused-${++people}`;
  provider.directory.set(login, { email: `${login}@${domain}`, name: `Person ${people}`, groups, emailVerified });
  return login;
}

const failures = async (t: Awaited<ReturnType<typeof testDeps>>) => (await auditedAs(t, "auth.sign_in_failed")).map((entry) => entry.payload);
const userCount = async (t: Awaited<ReturnType<typeof testDeps>>) => await statement(t.deps.db, "SELECT count(*) FROM users").value();

describe("single sign-on refuses, says why, and audits it", () => {
  it("an email domain outside the allow-list is refused: no account, no session, a clear page", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider, { settings: { emailDomains: ["example.com"] } });
    const back = await signInThroughProvider(app, provider, person(["cs-reviewers"], "elsewhere.org"));
    expect(back.location).toBe("/sign-in?sso=domain_not_allowed");
    expect(back.session).toBeUndefined();
    expect(await userCount(t)).toBe(0);
    expect(await failures(t)).toEqual([{ method: "oidc", reason: "email domain not allowed" }]);
    // The allowed domain still gets in.
    expect((await signInThroughProvider(app, provider, person(["cs-reviewers"], "example.com"))).location).toBe("/");
  });

  it("an address the provider says is unverified is refused", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const back = await signInThroughProvider(app, provider, person(["cs-reviewers"], "example.com", false));
    expect(back.location).toBe("/sign-in?sso=email_not_verified");
    expect(await userCount(t)).toBe(0);
  });

  it("a deactivated user cannot sign in through SSO", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const login = person(["cs-reviewers"]);
    await signInThroughProvider(app, provider, login);
    const id = await statement(t.deps.db, "SELECT id FROM users").value() as string;
    await setUserActive(t.deps, operator, id, false);
    const back = await signInThroughProvider(app, provider, login);
    expect(back.location).toBe("/sign-in?sso=deactivated");
    expect(back.session).toBeUndefined();
    expect(await auditedAs(t, "auth.sign_in_failed")).toEqual([
      { actor_type: "user", actor_id: id, entity_id: id, payload: { method: "oidc", reason: "account deactivated" } },
    ]);
  });

  it("an email that already belongs to a password account is not taken over", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const login = person(["cs-leads"]);
    await addUser(t.deps, `${login}@example.com`, ["reviewer"]);
    const back = await signInThroughProvider(app, provider, login);
    expect(back.location).toBe("/sign-in?sso=email_taken");
    expect(await failures(t)).toEqual([{ method: "oidc", reason: "email already used by another account" }]);
  });

  it("a state that does not match the one this browser sent is refused", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const { callback, jar } = await leaveForProvider(app, provider, person(["cs-reviewers"]));
    callback.searchParams.set("state", "forged-state-from-another-browser");
    const back = await returnToCountersign(app, callback, jar);
    expect(back.location).toBe("/sign-in?sso=provider_refused");
    expect(back.session).toBeUndefined();
    expect(await failures(t)).toEqual([{ method: "oidc", reason: "state mismatch" }]);
  });

  it("a person who cancels at the provider comes back to a page that says so", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const { callback, jar } = await leaveForProvider(app, provider, person(["cs-reviewers"]));
    const cancelled = new URL(redirectUri);
    cancelled.search = new URLSearchParams({ error: "access_denied", state: callback.searchParams.get("state")!, iss: provider.issuer }).toString();
    const back = await returnToCountersign(app, cancelled, jar);
    expect(back.location).toBe("/sign-in?sso=access_denied");
    expect(await failures(t)).toEqual([{ method: "oidc", reason: "provider answered access_denied" }]);
  });

  it("an ID token whose nonce is not this sign-in's is refused", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const { callback, jar } = await leaveForProvider(app, provider, person(["cs-reviewers"]));
    const pending = JSON.parse(Buffer.from(jar.get("countersign_oidc")!, "base64url").toString()) as Record<string, string>;
    jar.set("countersign_oidc", Buffer.from(JSON.stringify({ ...pending, nonce: "another-sign-in's-nonce" })).toString("base64url"));
    const back = await returnToCountersign(app, callback, jar);
    expect(back.location).toBe("/sign-in?sso=provider_refused");
    expect(back.session).toBeUndefined();
    expect(await failures(t)).toEqual([{ method: "oidc", reason: "nonce mismatch" }]);
  });

  it("a return with no sign-in started in this browser (or a replayed one) is refused as expired", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const { callback, jar } = await leaveForProvider(app, provider, person(["cs-reviewers"]));
    const stranger = await returnToCountersign(app, callback, new CookieJar());
    expect(stranger.location).toBe("/sign-in?sso=expired");
    const first = await returnToCountersign(app, callback, jar);
    expect(first.location).toBe("/");
    const replay = await returnToCountersign(app, callback, jar);
    expect(replay.location).toBe("/sign-in?sso=expired");
    expect((await failures(t)).map((f) => f.reason)).toEqual([
      "no sign-in was started in this browser, or it expired",
      "no sign-in was started in this browser, or it expired",
    ]);
  });

  it("the callback counts against the address's sign-in limits like password sign-in", async () => {
    const t = testDeps();
    const limits = { ...defaultSignInLimits, addressAttempts: 3 };
    const app = ssoApp(t, provider, { safeguards: { signInLimits: limits } });
    for (let i = 0; i < 3; i++) {
      expect((await app.request(`${publicUrl}/auth/oidc/callback?code=guess-${i}&state=x`)).headers.get("location")).toBe("/sign-in?sso=expired");
    }
    const back = await signInThroughProvider(app, provider, person(["cs-reviewers"]));
    expect(back.location).toBe("/sign-in?sso=throttled");
    expect(back.session).toBeUndefined();
    expect((await auditedAs(t, "auth.locked_out")).map((e) => e.payload.scope)).toEqual(["address"]);
  });

  it("an identity provider that cannot be reached sends the browser back with a clear page, not an error", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider, { settings: { issuer: new URL("http://127.0.0.1:9/") } });
    const res = await app.request(`${publicUrl}/auth/oidc/login`);
    expect(res.headers.get("location")).toBe("/sign-in?sso=provider_unreachable");
  });

  it("without single sign-on configured, its routes send the browser back to the sign-in page, which says so", async () => {
    const t = testDeps();
    const app = buildApp(t.deps);
    for (const path of ["/auth/oidc/login", "/auth/oidc/callback?code=x&state=y"]) {
      const res = await app.request(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/sign-in?sso=not_configured");
    }
  });
});

describe("password sign-in switched off", () => {
  const trpcPost = (app: Awaited<ReturnType<typeof buildApp>>, path: string, body: unknown) =>
    app.request(`/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("the sign-in procedure refuses even the right password, and the sign-in page learns to show only SSO", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider, { password: false });
    const user = await addUser(t.deps, "admin@example.com", ["admin"]);
    const res = await trpcPost(app, "auth.signIn", { email: user.email, password: testPassword });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("password sign-in is switched off");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await failures(t)).toEqual([{ method: "password", reason: "password sign-in is off" }]);
    const instance = (await (await app.request("/trpc/auth.instance")).json()) as { result: { data: unknown } };
    expect(instance.result.data).toEqual({ demo: false, passwordSignIn: false, sso: { rolesFromProvider: true } });
    // SSO still signs people in.
    expect((await signInThroughProvider(app, provider, person(["cs-reviewers"]))).location).toBe("/");
  });

  it("with password sign-in on (the default) the same password opens a session", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const user = await addUser(t.deps, "admin@example.com", ["admin"]);
    expect((await trpcPost(app, "auth.signIn", { email: user.email, password: testPassword })).status).toBe(200);
    expect((await auditedAs(t, "auth.signed_in"))[0]!.payload).toEqual({ method: "password" });
  });

  it("a single sign-on user has no password that could match", async () => {
    const t = testDeps();
    const app = ssoApp(t, provider);
    const login = person(["cs-reviewers"]);
    await signInThroughProvider(app, provider, login);
    for (const password of ["", " ", "x"]) {
      const res = await trpcPost(app, "auth.signIn", { email: `${login}@example.com`, password });
      expect(res.status).not.toBe(200);
    }
  });
});

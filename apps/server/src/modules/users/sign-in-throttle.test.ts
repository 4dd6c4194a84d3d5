import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { listen } from "../../testing/listen";
import { testEngine } from "../../db/pg/test-database";
import { limiterStoreFor } from "../../lib/rate-limits";
import { addUser, reopenDb, testDeps, testPassword } from "../../testing/fixtures";
import type { SignInLimits } from "./sign-in-throttle";
import { statement } from "../../lib/prepared";

// Short windows so "after the lockout" is a second away; the rules are the production ones.
const limits: SignInLimits = { accountAttempts: 3, addressAttempts: 8, windowSeconds: 60, lockoutSeconds: 1, maxLockoutSeconds: 4 };

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

async function setup(overrides: Partial<SignInLimits> = {}, clientAddressHeader?: string) {
  const t = testDeps();
  const user = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const server = await listen(buildApp(t.deps, undefined, { signInLimits: { ...limits, ...overrides }, clientAddressHeader }));
  stop = server.close;
  const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password }),
    });
  const audited = async (action: string) =>
    await statement(t.deps.db, "SELECT entity_type, entity_id, payload FROM audit_log WHERE action = ? ORDER BY seq").all(action) as {
      entity_type: string;
      entity_id: string;
      payload: string;
    }[];
  return { t, user, signIn, audited };
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("sign-in throttling", () => {
  it("locks an account after repeated wrong passwords, refusing even the right one with 429 and Retry-After, and lets the right one in after the lockout", async () => {
    const { signIn } = await setup();
    for (let i = 0; i < limits.accountAttempts; i++) expect((await signIn("rev@example.com", "wrong password")).status).toBe(401);

    const locked = await signIn("rev@example.com", testPassword);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("1");
    const body = (await locked.json()) as { error: { message: string; data: { code: string; retryAfterSeconds: number } } };
    expect(body.error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 1 });
    expect(body.error.message).toBe("too many sign-in attempts; try again in 1 second");

    await wait(1100);
    const after = await signIn("rev@example.com", testPassword);
    expect(after.status).toBe(200);
    expect(after.headers.get("set-cookie")).toMatch(/countersign_session=/);
  });

  it("audits a lockout once, however many attempts it refuses, and doubles the next lockout", async () => {
    // A generous address allowance, so only the account is locked here (refused attempts do count against the address).
    const { signIn, audited, user } = await setup({ addressAttempts: 100 });
    for (let i = 0; i < limits.accountAttempts; i++) await signIn("rev@example.com", "wrong password");
    const refused = await Promise.all(Array.from({ length: 10 }, () => signIn("rev@example.com", "wrong password")));
    expect(refused.map((r) => r.status)).toEqual(Array(10).fill(429));

    const lockouts = await audited("auth.locked_out");
    expect(lockouts).toEqual([
      { entity_type: "user", entity_id: user.id, payload: '{"lockedSeconds":1,"lockoutsToday":1,"scope":"account"}' },
    ]);
    // Only the attempts whose password was checked are sign-in failures.
    expect(await audited("auth.sign_in_failed")).toHaveLength(limits.accountAttempts);

    await wait(1100);
    for (let i = 0; i < limits.accountAttempts; i++) expect((await signIn("rev@example.com", "wrong again")).status).toBe(401);
    const second = await signIn("rev@example.com", testPassword);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("2");
    expect((await audited("auth.locked_out")).map((e) => JSON.parse(e.payload).lockedSeconds)).toEqual([1, 2]);
  });

  it("counts parallel guesses before checking them, so forty at once cannot slip past the limit", async () => {
    // A lockout longer than the storm takes to answer (each checked password costs real scrypt time).
    const { signIn, audited } = await setup({ addressAttempts: 100, lockoutSeconds: 60, maxLockoutSeconds: 60 });
    const storm = await Promise.all(Array.from({ length: 40 }, () => signIn("rev@example.com", "guess")));
    const statuses = storm.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(limits.accountAttempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - limits.accountAttempts);
    expect(await audited("auth.sign_in_failed")).toHaveLength(limits.accountAttempts);
  });

  it("limits one address guessing across many accounts, unknown ones included, without storing the address in the log", async () => {
    const { signIn, audited } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < limits.addressAttempts + 2; i++) statuses.push((await signIn(`nobody${i}@example.com`, "guess")).status);
    expect(statuses.slice(0, limits.addressAttempts)).toEqual(Array(limits.addressAttempts).fill(401));
    expect(statuses.slice(limits.addressAttempts)).toEqual([429, 429]);
    // The real account is refused from this address too, until the lockout ends.
    expect((await signIn("rev@example.com", testPassword)).status).toBe(429);
    const [lockout] = await audited("auth.locked_out");
    expect(lockout).toMatchObject({ entity_type: "client_address", payload: '{"lockedSeconds":1,"lockoutsToday":1,"scope":"address"}' });
    expect(lockout!.entity_id).not.toContain("127.0.0.1");
  });

  it("behind a reverse proxy, tells clients apart by the address the proxy forwards, not by the proxy's socket", async () => {
    const { signIn } = await setup({}, "x-forwarded-for");
    // The first entry is whatever the client claimed; the last is what the proxy saw.
    const from = (address: string) => ({ "x-forwarded-for": `10.0.0.1, ${address}` });
    for (let i = 0; i < limits.addressAttempts; i++) await signIn(`nobody${i}@example.com`, "guess", from("203.0.113.7"));
    expect((await signIn("rev@example.com", testPassword, from("203.0.113.7"))).status).toBe(429);
    expect((await signIn("rev@example.com", testPassword, from("198.51.100.2"))).status).toBe(200);
  });

  it("gives a successful sign-in its attempt back, so people signing in all day are never locked out", async () => {
    const { signIn } = await setup();
    for (let i = 0; i < limits.addressAttempts * 2; i++) expect((await signIn("rev@example.com", testPassword)).status).toBe(200);
  });

  // Several server processes share one database only on PostgreSQL; one SQLite process counts in memory.
  it.skipIf(testEngine() !== "postgres")("counts one account's attempts across two server processes on one database, so each does not allow the limit again", async () => {
    const t = testDeps();
    await addUser(t.deps, "rev@example.com", ["reviewer"]);
    const other = { ...t.deps, db: reopenDb(t.deps.db, t.path) };
    const apps = [t.deps, other].map((deps) => buildApp(deps, undefined, { signInLimits: { ...limits, addressAttempts: 100 }, limiterStore: limiterStoreFor(deps.db) }));
    const signIn = (app: (typeof apps)[number], password: string) =>
      app.request("/trpc/auth.signIn", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "rev@example.com", password }) });
    for (let i = 0; i < limits.accountAttempts; i++) expect((await signIn(apps[i % 2]!, "wrong password")).status).toBe(401);
    expect((await signIn(apps[0]!, testPassword)).status).toBe(429);
    expect((await signIn(apps[1]!, testPassword)).status).toBe(429);
    other.db.$client.close();
  });
});

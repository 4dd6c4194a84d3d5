import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EscalationInput } from "@countersign/shared/escalation";
import type { Role } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import type { Authority } from "@countersign/shared/qualifications";
import { eq } from "drizzle-orm";
import { signingKeyFileName, useSigningKeyFile } from "../audit/signing-key";
import { aiSystems } from "../db/schema/systems";
import { userRoles } from "../db/schema/users";
import { openDb, type Db } from "../db/client";
import { pgTestDb, reopenTestDb, testEngine } from "../db/pg/test-database";
import { operator, type Deps } from "../lib/context";
import { grantQualification } from "../modules/qualifications/grant";
import { issueApiKey } from "../modules/systems/api-keys";
import { createSystem } from "../modules/systems/create-system";
import { createUser } from "../modules/users/create-user";
import { signInThrottle } from "../modules/users/sign-in-throttle";
import type { SignInAttempt } from "../modules/users/sessions";
import { memoryLimiterStore } from "../lib/rate-limits";
import { createCallerFactory } from "../trpc/init";
import { appRouter } from "../trpc/router";
import type { UserSummary } from "../modules/users/queries";

/**
 * A migrated database of the test's own: a SQLite file, or with COUNTERSIGN_TEST_ENGINE=postgres a
 * PostgreSQL database (`path` is then unused by the server; tests that need the file skip there).
 */
export function testDb(path: string): Db {
  return testEngine() === "postgres" ? (pgTestDb() as unknown as Db) : openDb(path);
}

/** The test's database opened again, as a restarted server opens it: the same SQLite file, or the same PostgreSQL database by URL. */
export function reopenDb(db: Db, path: string): Db {
  return testEngine() === "postgres" ? (reopenTestDb(db) as unknown as Db) : openDb(path);
}

/** A migrated database of its own (see testDb) and a clock the test moves by hand. */
export function testDeps(start = Date.parse("2026-11-22T09:00:00Z")) {
  const dir = mkdtempSync(join(tmpdir(), "countersign-test-"));
  const path = join(dir, "test.db");
  const clock = { now: start };
  const deps: Deps = { db: testDb(path), now: () => clock.now };
  // Its signing key beside `path` on either engine, where the CLI run on the same database finds it.
  if (testEngine() === "postgres") useSigningKeyFile(deps.db, join(dir, signingKeyFileName));
  return {
    deps,
    path,
    dir,
    advance: (seconds: number) => {
      clock.now += seconds * 1000;
    },
  };
}

export const testPassword = "correct horse battery staple";

/**
 * A user with these roles. A reviewer is qualified (review, override and stop, for a year) for
 * every AI system that exists, and addSystem qualifies every existing reviewer for a new one,
 * unless `qualified: false` asks for a reviewer with no qualification.
 */
export async function addUser(deps: Deps, email: string, roles: Role[], options: { qualified?: boolean } = {}): Promise<UserSummary> {
  const { id, name } = await createUser(deps, operator, { email, name: email.split("@")[0]!, roles }, testPassword);
  if (roles.includes("reviewer") && options.qualified !== false) {
    for (const system of await deps.db.select({ id: aiSystems.id }).from(aiSystems).all()) await qualify(deps, id, system.id);
  }
  return { id, email, name, roles, active: true };
}

/** Grants a reviewer a qualification for one system, in force from now for `days` (default a year). */
export function qualify(deps: Deps, userId: string, systemId: string, options: { days?: number; authority?: Authority[] } = {}) {
  const now = deps.now();
  return grantQualification(deps, operator, {
    userId,
    systemId,
    training: "Oversight training for this AI system",
    obtainedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + (options.days ?? 365) * 86_400_000).toISOString(),
    authority: options.authority ?? ["review", "override", "stop"],
  });
}

export async function addSystem(deps: Deps, slug = "refund-triage", policy?: Partial<ReviewPolicy>) {
  const system = await createSystem(deps, operator, {
    slug,
    name: slug,
    oversightMode: "HOTL",
    policy: {
      checklist: [
        { id: "matches-request", text: "The output answers the customer's request" },
        { id: "within-policy", text: "The refund is within policy" },
      ],
      minRationaleChars: 40,
      minDwellSeconds: 20,
      leaseMinutes: 15,
      ...policy,
    },
  });
  const { key } = await issueApiKey(deps, operator, system.id);
  const reviewers = await deps.db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "reviewer")).all();
  for (const { userId } of reviewers) await qualify(deps, userId, system.id);
  return { system, key };
}

export function escalationBody(overrides: Partial<EscalationInput> = {}): EscalationInput {
  return {
    externalId: `ext-${Math.random().toString(36).slice(2)}`,
    input: "Customer asks for a refund of order 1042: the kettle arrived broken.",
    aiOutput: { decision: "refund", amount: 39.9, currency: "EUR" },
    confidence: 0.62,
    model: "refund-llm-2026-10",
    escalationReason: { code: "low_confidence", explanation: "Confidence below the 0.8 auto-approve threshold." },
    contextSummary: "Second refund request this month; photo evidence attached.",
    evidence: [{ title: "Customer photo", content: "Photo shows a cracked kettle base." }],
    ...overrides,
  };
}

/** A sign-in from a test's own client address, with counters of its own (see signIn). */
export function testSignInAttempt(): SignInAttempt {
  return { address: "test", throttle: signInThrottle(memoryLimiterStore) };
}

/** Calls tRPC procedures exactly as the workbench does, as the given user. */
export function callerFor(deps: Deps, user: UserSummary | null) {
  return createCallerFactory(appRouter)({
    deps,
    info: { demo: false, secureCookies: false },
    client: { address: "test", signInThrottle: testSignInAttempt().throttle },
    sessionToken: undefined,
    user,
    resHeaders: new Headers(),
  });
}

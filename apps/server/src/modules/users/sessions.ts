import { and, eq, gt } from "drizzle-orm";
import { signInInputSchema } from "@countersign/shared/admin";
import type { z } from "zod";
import type { Tx } from "../../db/client";
import { sessions, users } from "../../db/schema/users";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { randomToken, sha256 } from "../../lib/hash";
import { retryAfterSeconds, waitInWords } from "../../lib/rate-limits";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { releaseLeasesOnSignOut } from "../escalations/lifecycle";
import { unmatchableHash, verifyPassword } from "./password";
import { rolesOf, type UserSummary } from "./queries";
import type { SignInThrottle, Throttled } from "./sign-in-throttle";
import { log } from "../../lib/logger";

export const sessionHours = 12;

/** Who is signing in, as far as throttling is concerned: the client's address and the app's throttle. */
export type SignInAttempt = { address: string; throttle: SignInThrottle };

/**
 * Checks the password; on success opens a session and returns its token (for the httpOnly cookie).
 * Too many attempts for the account or from the address answer 429 without checking the password;
 * the lockout is audited when it starts, not on every refused attempt.
 */
export async function signIn(deps: Deps, input: z.input<typeof signInInputSchema>, attempt: SignInAttempt, passwordSignIn = true) {
  const { email, password } = signInInputSchema.parse(input);
  const user = await deps.db.select().from(users).where(eq(users.email, email)).get();
  const throttled = await attempt.throttle.attempt(email, attempt.address);
  if (throttled.length > 0) await refuseThrottled(deps, throttled, user?.id, attempt.address);
  if (!passwordSignIn) {
    await write(deps.db, (tx) =>
      appendAudit(tx, user ? { type: "user", id: user.id } : { type: "server" }, deps.now(), {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? "unknown",
        payload: { method: "password", reason: "password sign-in is off" },
      }),
    );
    throw new AppError("FORBIDDEN", "password sign-in is switched off on this Countersign: use “Sign in with SSO”");
  }
  // A single sign-on user has no password hash: the unmatchable one keeps the answer's timing alike.
  const ok = (await verifyPassword(password, user?.passwordHash || unmatchableHash)) && !!user?.active;
  const now = deps.now();
  if (!ok || !user) {
    await write(deps.db, (tx) =>
      appendAudit(tx, user ? { type: "user", id: user.id } : { type: "server" }, now, {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? "unknown",
        payload: { method: "password", reason: !user ? "unknown account" : !user.active ? "account deactivated" : "wrong password" },
      }),
    );
    throw new AppError("UNAUTHORIZED", "email or password is not correct");
  }
  await attempt.throttle.succeeded(email, attempt.address);
  return write(deps.db, (tx) => openSession(tx, user.id, now, "password"));
}

/** How a user proved who they are: recorded with every sign-in and every refused one. */
export type SignInMethod = "password" | "oidc";

/**
 * Opens a session for a user whose sign-in succeeded, whichever way, and records it: one session
 * row holding only the token's SHA-256, and its audit entry, in the caller's transaction.
 */
export async function openSession(tx: Tx, userId: string, now: number, method: SignInMethod) {
  const token = randomToken();
  await tx.insert(sessions)
    .values({ tokenHash: sha256(token), userId, createdAt: now, expiresAt: now + sessionHours * 3600_000 })
    .run();
  await appendAudit(tx, { type: "user", id: userId }, now, { action: "auth.signed_in", entityType: "user", entityId: userId, payload: { method } });
  return { token, maxAgeSeconds: sessionHours * 3600 };
}

/** Refuses an attempt over the limits, auditing each lockout as it starts. */
export async function refuseThrottled(deps: Deps, throttled: Throttled[], userId: string | undefined, address: string): Promise<never> {
  const started = throttled.filter((t) => t.started);
  if (started.length > 0) {
    const now = deps.now();
    await write(deps.db, async (tx) => {
      for (const { scope, started: lockout } of started) {
        // The log names people by id only: an address is kept as a digest, enough to see repeats.
        await appendAudit(tx, { type: "server" }, now, {
          action: "auth.locked_out",
          entityType: scope === "account" ? "user" : "client_address",
          entityId: scope === "account" ? (userId ?? "unknown") : sha256(address).slice(0, 16),
          payload: { scope, ...lockout },
        });
      }
    });
    for (const { scope, started: lockout } of started) {
      // Like the audit entry: an account by id, an address only as a digest (personal data stays out of the log).
      log.warn({ scope, subject: scope === "address" ? sha256(address).slice(0, 16) : (userId ?? "unknown"), lockedSeconds: lockout!.lockedSeconds }, "sign-in locked out");
    }
  }
  const seconds = retryAfterSeconds(Math.max(...throttled.map((t) => t.retryAfterMs)));
  throw new AppError(
    "TOO_MANY_REQUESTS",
    `too many sign-in attempts; try again in ${waitInWords(seconds)}`,
    [],
    seconds,
  );
}

export async function userForSession(deps: Deps, token: string | undefined): Promise<UserSummary | null> {
  if (!token) return null;
  const row = await deps.db
    .select({ id: users.id, email: users.email, name: users.name, active: users.active })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, deps.now())))
    .get();
  if (!row || !row.active) return null;
  return { ...row, roles: await rolesOf(deps.db, row.id) };
}

/**
 * Ends the session. Signing out of the last live session also hands back the items the user
 * holds: nobody is reviewing them any more, so they should not wait out their lease.
 */
export async function signOut(deps: Deps, token: string, userId: string) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, sha256(token))).run();
    await appendAudit(tx, { type: "user", id: userId }, now, { action: "auth.signed_out", entityType: "user", entityId: userId });
    const stillSignedIn = await tx
      .select({ one: sessions.userId })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
      .get();
    if (!stillSignedIn) await releaseLeasesOnSignOut(tx, userId, now);
  });
}

import { log } from "../../lib/logger";
import { and, eq } from "drizzle-orm";
import type { Role } from "@countersign/shared/enums";
import type { SsoRefusal } from "@countersign/shared/sso";
import type { Tx } from "../../db/client";
import { userRoles, users } from "../../db/schema/users";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { rolesOf } from "../users/queries";
import { openSession, refuseThrottled, type SignInAttempt } from "../users/sessions";
import { ProviderResponseRefused, type OidcClient, type PendingSignIn, type ProviderIdentity } from "./provider";
import { rolesFromClaims } from "./roles";
import type { OidcSettings } from "./settings";

export type SsoOutcome = { ok: true; token: string; maxAgeSeconds: number } | { ok: false; refusal: SsoRefusal };

const server: Actor = { type: "server" };

/**
 * The return from the identity provider: counted against the client address's sign-in limits,
 * checked by openid-client (state, PKCE, nonce, ID token), then the person is signed in as the
 * user of that issuer and subject — created on first sign-in, roles following the provider.
 * Every outcome is audited like a password sign-in, with method "oidc" and never a token.
 */
export async function finishSsoSignIn(
  deps: Deps,
  settings: OidcSettings,
  provider: OidcClient,
  callback: { query: string; pending: PendingSignIn | null },
  attempt: SignInAttempt,
): Promise<SsoOutcome> {
  const throttled = await attempt.throttle.attemptFrom(attempt.address);
  if (throttled.length > 0) {
    try {
      await refuseThrottled(deps, throttled, undefined, attempt.address);
    } catch (error) {
      if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") return { ok: false, refusal: "throttled" };
      throw error;
    }
  }
  if (!callback.pending) return refused(deps, null, "expired", "no sign-in was started in this browser, or it expired");
  let identity: ProviderIdentity;
  try {
    identity = await provider.finish(callback.query, callback.pending);
  } catch (error) {
    if (!(error instanceof ProviderResponseRefused)) throw error;
    log.warn({ reason: error.reason, job: "sso" }, "single sign-on: the provider's answer was refused");
    const refusal =
      error.reason === "provider unreachable" ? "provider_unreachable" : error.reason === "provider answered access_denied" ? "access_denied" : "provider_refused";
    return refused(deps, null, refusal, error.reason);
  }
  const outcome = await signInIdentity(deps, settings, identity);
  if (outcome.ok) await attempt.throttle.succeededFrom(attempt.address);
  return outcome;
}

/**
 * Signs in the user of a checked provider identity, creating them on first sign-in. One write
 * transaction from the lookup on: two returns of the same new person at once create one user.
 */
export async function signInIdentity(deps: Deps, settings: OidcSettings, identity: ProviderIdentity): Promise<SsoOutcome> {
  const { issuer, subject, claims } = identity;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const mapped = settings.roleMap ? rolesFromClaims(claims, settings.rolesClaim, settings.roleMap) : null;
  const now = deps.now();
  return write(deps.db, async (tx): Promise<SsoOutcome> => {
    const existing = await tx
      .select({ id: users.id, active: users.active })
      .from(users)
      .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
      .get();
    const refuse = async (refusal: SsoRefusal, reason: string): Promise<SsoOutcome> => {
      await appendFailure(tx, existing?.id ?? null, now, reason);
      return { ok: false, refusal };
    };
    if (!email) return refuse("no_email", "the provider sent no email address");
    // A provider that says the address is unverified lets anyone claim it; one that says nothing is trusted.
    if (claims.email_verified === false) return refuse("email_not_verified", "email not verified at the provider");
    const domain = email.slice(email.lastIndexOf("@") + 1);
    if (settings.emailDomains && !settings.emailDomains.includes(domain)) return refuse("domain_not_allowed", "email domain not allowed");
    if (existing && !existing.active) return refuse("deactivated", "account deactivated");

    let id = existing?.id;
    if (!id) {
      if (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
        return refuse("email_taken", "email already used by another account");
      }
      id = newId("usr");
      const name = displayName(claims, email);
      await tx.insert(users).values({ id, email, name, passwordHash: "", active: true, createdAt: now, oidcIssuer: issuer, oidcSubject: subject }).run();
      const granted = mapped ?? [];
      if (granted.length > 0) await tx.insert(userRoles).values(granted.map((role) => ({ userId: id!, role }))).run();
      await appendAudit(tx, server, now, { action: "user.created", entityType: "user", entityId: id, payload: { roles: granted, method: "oidc" } });
    } else if (mapped) {
      await followProviderRoles(tx, id, mapped, now);
    }
    return { ok: true, ...await openSession(tx, id, now, "oidc") };
  });
}

/** Roles follow the provider's groups at each sign-in; a change is Countersign's own act, audited as such. */
async function followProviderRoles(tx: Tx, userId: string, mapped: Role[], now: number) {
  const before = await rolesOf(tx, userId);
  const after = [...mapped].sort();
  if (before.join() === after.join()) return;
  await tx.delete(userRoles).where(eq(userRoles.userId, userId)).run();
  if (after.length > 0) await tx.insert(userRoles).values(after.map((role) => ({ userId, role }))).run();
  await appendAudit(tx, server, now, { action: "user.roles_changed", entityType: "user", entityId: userId, payload: { before, after, source: "oidc" } });
}

function displayName(claims: Record<string, unknown>, email: string): string {
  for (const key of ["name", "preferred_username"]) {
    const value = claims[key];
    if (typeof value === "string" && value.trim()) return value.trim().slice(0, 120);
  }
  return email.split("@")[0]!;
}

async function refused(deps: Deps, userId: string | null, refusal: SsoRefusal, reason: string): Promise<SsoOutcome> {
  await write(deps.db, (tx) => appendFailure(tx, userId, deps.now(), reason));
  return { ok: false, refusal };
}

async function appendFailure(tx: Tx, userId: string | null, now: number, reason: string) {
  await appendAudit(tx, userId ? { type: "user", id: userId } : server, now, {
    action: "auth.sign_in_failed",
    entityType: "user",
    entityId: userId ?? "unknown",
    payload: { method: "oidc", reason },
  });
}

import { and, eq, gt } from "drizzle-orm";
import { signInInputSchema } from "@countersign/shared/admin";
import type { z } from "zod";
import { sessions, users } from "../../db/schema/users";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { randomToken, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../audit/append";
import { unmatchableHash, verifyPassword } from "./password";
import { rolesOf, type UserSummary } from "./queries";

export const sessionHours = 12;

/** Checks the password; on success opens a session and returns its token (for the httpOnly cookie). */
export function signIn(deps: Deps, input: z.input<typeof signInInputSchema>) {
  const { email, password } = signInInputSchema.parse(input);
  const user = deps.db.select().from(users).where(eq(users.email, email)).get();
  const ok = verifyPassword(password, user?.passwordHash ?? unmatchableHash) && !!user?.active;
  const now = deps.now();
  if (!ok || !user) {
    write(deps.db, (tx) =>
      appendAudit(tx, user ? { type: "user", id: user.id } : { type: "server" }, now, {
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? "unknown",
        payload: { reason: !user ? "unknown account" : !user.active ? "account deactivated" : "wrong password" },
      }),
    );
    throw new AppError("UNAUTHORIZED", "email or password is not correct");
  }
  const token = randomToken();
  write(deps.db, (tx) => {
    tx.insert(sessions)
      .values({ tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt: now + sessionHours * 3600_000 })
      .run();
    appendAudit(tx, { type: "user", id: user.id }, now, { action: "auth.signed_in", entityType: "user", entityId: user.id });
  });
  return { token, maxAgeSeconds: sessionHours * 3600 };
}

export function userForSession(deps: Deps, token: string | undefined): UserSummary | null {
  if (!token) return null;
  const row = deps.db
    .select({ id: users.id, email: users.email, name: users.name, active: users.active })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, deps.now())))
    .get();
  if (!row || !row.active) return null;
  return { ...row, roles: rolesOf(deps.db, row.id) };
}

export function signOut(deps: Deps, token: string, userId: string) {
  write(deps.db, (tx) => {
    tx.delete(sessions).where(eq(sessions.tokenHash, sha256(token))).run();
    appendAudit(tx, { type: "user", id: userId }, deps.now(), { action: "auth.signed_out", entityType: "user", entityId: userId });
  });
}

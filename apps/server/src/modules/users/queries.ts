import { eq, inArray } from "drizzle-orm";
import type { Role } from "@countersign/shared/enums";
import type { Db, Tx } from "../../db/client";
import { userRoles, users } from "../../db/schema/users";

export type UserSummary = { id: string; email: string; name: string; active: boolean; roles: Role[] };

export async function rolesOf(db: Db | Tx, userId: string): Promise<Role[]> {
  return (await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all())
    .map((r) => r.role)
    .sort();
}

/** How a user signs in: with a password, or through the company's identity provider. */
export type ListedUser = UserSummary & { signsInWith: "password" | "sso" };

export async function listUsers(db: Db): Promise<ListedUser[]> {
  const all = await db.select().from(users).orderBy(users.email).all();
  const roleRows = all.length
    ? await db.select().from(userRoles).where(inArray(userRoles.userId, all.map((u) => u.id))).all()
    : [];
  return all.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    active: u.active,
    roles: roleRows.filter((r) => r.userId === u.id).map((r) => r.role).sort(),
    signsInWith: u.oidcSubject === null ? "password" : "sso",
  }));
}

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

import { eq } from "drizzle-orm";
import type { Role } from "@countersign/shared/enums";
import { userRoles, users } from "../../db/schema/users";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { rolesOf } from "./queries";

export async function setUserRoles(deps: Deps, actor: Actor, userId: string, roles: Role[]) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    if (!await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) {
      throw new AppError("NOT_FOUND", "no such user", [{ path: "userId", message: "no user has this id" }]);
    }
    if (actor.type === "user" && actor.id === userId && !roles.includes("admin")) {
      throw new AppError("BAD_REQUEST", "you cannot remove your own admin role", [
        { path: "roles", message: "keep the admin role on your own account" },
      ]);
    }
    const before = await rolesOf(tx, userId);
    await tx.delete(userRoles).where(eq(userRoles.userId, userId)).run();
    await tx.insert(userRoles).values(roles.map((role) => ({ userId, role }))).run();
    await appendAudit(tx, actor, now, {
      action: "user.roles_changed",
      entityType: "user",
      entityId: userId,
      payload: { before, after: [...roles].sort() },
    });
  });
}

export async function setUserActive(deps: Deps, actor: Actor, userId: string, active: boolean) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    if (actor.type === "user" && actor.id === userId && !active) {
      throw new AppError("BAD_REQUEST", "you cannot deactivate your own account", [
        { path: "active", message: "another admin must do this" },
      ]);
    }
    const updated = await tx.update(users).set({ active }).where(eq(users.id, userId)).returning({ id: users.id }).get();
    if (!updated) throw new AppError("NOT_FOUND", "no such user", [{ path: "userId", message: "no user has this id" }]);
    await appendAudit(tx, actor, now, { action: "user.updated", entityType: "user", entityId: userId, payload: { active } });
  });
}

import { eq } from "drizzle-orm";
import { createUserInputSchema } from "@countersign/shared/admin";
import type { z } from "zod";
import { userRoles, users } from "../../db/schema/users";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { generatePassword, hashPassword } from "./password";

/** Creates a user with a one-time password (returned once, stored only as a hash). */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: z.input<typeof createUserInputSchema>,
  password: string = generatePassword(),
) {
  const { email, name, roles } = createUserInputSchema.parse(input);
  const passwordHash = hashPassword(password);
  const id = newId("usr");
  const now = deps.now();
  await write(deps.db, async (tx) => {
    if (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
      throw new AppError("CONFLICT", `a user with email ${email} already exists`, [
        { path: "email", message: "email is already in use" },
      ]);
    }
    await tx.insert(users).values({ id, email, name, passwordHash, active: true, createdAt: now }).run();
    await tx.insert(userRoles).values(roles.map((role) => ({ userId: id, role }))).run();
    await appendAudit(tx, actor, now, { action: "user.created", entityType: "user", entityId: id, payload: { roles } });
  });
  return { id, email, name, roles, password };
}

import { sql } from "drizzle-orm";
import {
  defaultPreference,
  notificationTriggers,
  setPreferencesInputSchema,
  triggerRoles,
  type NotificationPreference,
  type SetPreferencesInput,
} from "@countersign/shared/notifications";
import type { Db } from "../../db/client";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { rolesOf } from "../users/queries";
import { preferenceOf } from "./recipients";
import { inOrder } from "../../lib/in-order";

/** The triggers a user's roles can hear, each with their choice or its default. */
export async function preferencesOf(db: Db, userId: string): Promise<(NotificationPreference & { isDefault: boolean })[]> {
  const roles = await rolesOf(db, userId);
  return await inOrder(notificationTriggers
      .filter((trigger) => triggerRoles[trigger].some((role) => roles.includes(role))), async (trigger) => {
        const choice = await preferenceOf(db, userId, trigger);
        return { trigger, ...choice, isDefault: choice === defaultPreference[trigger] };
      });
}

/** Changes one's own preferences; the audit entry records the choices (no addresses). */
export async function setPreferences(deps: Deps, actor: Actor & { type: "user" }, input: SetPreferencesInput) {
  const { preferences } = setPreferencesInputSchema.parse(input);
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const roles = await rolesOf(tx, actor.id);
    for (const [index, preference] of preferences.entries()) {
      if (!triggerRoles[preference.trigger].some((role) => roles.includes(role))) {
        throw new AppError("BAD_REQUEST", `preferences.${index}.trigger: ${preference.trigger} is not something your roles hear`, [
          { path: `preferences.${index}.trigger`, message: `only ${triggerRoles[preference.trigger].join(" or ")} hear this` },
        ]);
      }
      await tx.run(sql`
        INSERT INTO notification_preferences (user_id, trigger, channel, cadence, updated_at)
        VALUES (${actor.id}, ${preference.trigger}, ${preference.channel}, ${preference.cadence}, ${now})
        ON CONFLICT (user_id, trigger) DO UPDATE SET channel = excluded.channel, cadence = excluded.cadence, updated_at = excluded.updated_at`);
    }
    await appendAudit(tx, actor, now, {
      action: "notification_preferences.changed",
      entityType: "user",
      entityId: actor.id,
      payload: { preferences },
    });
  });
  return preferencesOf(deps.db, actor.id);
}

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

/** The triggers a user's roles can hear, each with their choice or its default. */
export function preferencesOf(db: Db, userId: string): (NotificationPreference & { isDefault: boolean })[] {
  const roles = rolesOf(db, userId);
  return notificationTriggers
    .filter((trigger) => triggerRoles[trigger].some((role) => roles.includes(role)))
    .map((trigger) => {
      const choice = preferenceOf(db, userId, trigger);
      return { trigger, ...choice, isDefault: choice === defaultPreference[trigger] };
    });
}

/** Changes one's own preferences; the audit entry records the choices (no addresses). */
export function setPreferences(deps: Deps, actor: Actor & { type: "user" }, input: SetPreferencesInput) {
  const { preferences } = setPreferencesInputSchema.parse(input);
  const now = deps.now();
  write(deps.db, (tx) => {
    const roles = rolesOf(tx, actor.id);
    preferences.forEach((preference, index) => {
      if (!triggerRoles[preference.trigger].some((role) => roles.includes(role))) {
        throw new AppError("BAD_REQUEST", `preferences.${index}.trigger: ${preference.trigger} is not something your roles hear`, [
          { path: `preferences.${index}.trigger`, message: `only ${triggerRoles[preference.trigger].join(" or ")} hear this` },
        ]);
      }
      tx.run(sql`
        INSERT INTO notification_preferences (user_id, trigger, channel, cadence, updated_at)
        VALUES (${actor.id}, ${preference.trigger}, ${preference.channel}, ${preference.cadence}, ${now})
        ON CONFLICT (user_id, trigger) DO UPDATE SET channel = excluded.channel, cadence = excluded.cadence, updated_at = excluded.updated_at`);
    });
    appendAudit(tx, actor, now, {
      action: "notification_preferences.changed",
      entityType: "user",
      entityId: actor.id,
      payload: { preferences },
    });
  });
  return preferencesOf(deps.db, actor.id);
}

import { sql } from "drizzle-orm";
import { defaultPreference, type NotificationCadence, type NotificationChannel, type NotificationTrigger } from "@countersign/shared/notifications";
import type { Db, Tx } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import type { Fact } from "./facts";

export type Recipient = {
  /** `user:<id>` or `channel:<id>`: what "at most once" is counted by. */
  key: string;
  channel: Exclude<NotificationChannel, "off">;
  cadence: NotificationCadence;
};

type Person = { id: string };

/** Whether the JSON array of strings in `json` holds `value`, written as the engine writes it, `value` a parameter. */
function jsonArrayHas(tx: Tx, json: string, value: string) {
  const [before, after] = dialectOf(tx).jsonArrayHas(json, "\u0000").split("\u0000") as [string, string];
  return sql`${sql.raw(before)}${value}${sql.raw(after)}`;
}

const inForce = (tx: Tx, authority: string, systemId: string | null, now: number) => sql`
  EXISTS (SELECT 1 FROM qualifications q
           WHERE q.user_id = u.id AND q.system_id = ${systemId} AND q.revoked_at IS NULL
             AND q.obtained_at <= ${now} AND q.expires_at > ${now}
             AND ${jsonArrayHas(tx, "q.authority", authority)})`;

const withRole = (tx: Tx, role: string, also = sql`TRUE`) =>
  tx.all<Person>(sql`
    SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = ${role}
     WHERE u.active = TRUE AND ${also} ORDER BY u.id`);

/**
 * Who may hear a fact, by role and authority: reviewers qualified for the system hear of urgent
 * and due work they could claim; leads of drift, halts, expiries and disputes (those with the
 * override authority that can resolve it, else every lead, so a dispute is never unheard);
 * admins of a disabled webhook endpoint; only the holder of their qualification expiring; the
 * people of a superseded round of their decision reopened.
 */
async function audience(tx: Tx, fact: Fact, now: number): Promise<Person[]> {
  switch (fact.trigger) {
    case "urgent_waiting":
    case "due_soon":
    case "due_passed":
      return withRole(tx, "reviewer", inForce(tx, "review", fact.systemId, now));
    case "dispute_waiting": {
      const resolvers = await withRole(tx, "lead", inForce(tx, "override", fact.systemId, now));
      return resolvers.length > 0 ? resolvers : await withRole(tx, "lead");
    }
    case "drift_raised":
    case "system_halted":
    case "system_resumed":
    case "escalation_expired":
      return withRole(tx, "lead");
    case "webhook_disabled":
      return withRole(tx, "admin");
    case "qualification_expiring":
      return tx.all<Person>(sql`SELECT u.id FROM users u WHERE u.id = ${fact.holderId ?? ""} AND u.active = TRUE`);
    case "decision_reopened":
      // Whoever verified the superseded round, and the lead who resolved its dispute: their decision no longer stands.
      return tx.all<Person>(sql`
        SELECT u.id FROM users u
         WHERE u.active = TRUE
           AND (u.id IN (SELECT v.reviewer_id FROM verifications v WHERE v.escalation_id = ${fact.escalationId ?? ""} AND v.round = ${(fact.round ?? 1) - 1})
             OR u.id IN (SELECT r.lead_id FROM resolutions r WHERE r.escalation_id = ${fact.escalationId ?? ""} AND r.round = ${(fact.round ?? 1) - 1}))
         ORDER BY u.id`);
  }
}

/** Each person by their preference for the trigger (chat without a chat webhook of their own goes by email), then the team channels that hear it. */
export async function recipientsOf(tx: Tx, fact: Fact, now: number, email: boolean): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const person of await audience(tx, fact, now)) {
    const choice = await preferenceOf(tx, person.id, fact.trigger);
    if (choice.channel === "off") continue;
    const channel = choice.channel === "chat" && await personalChatId(tx, person.id) ? "chat" : "email";
    if (channel === "email" && !email) continue;
    recipients.push({ key: `user:${person.id}`, channel, cadence: choice.cadence });
  }
  const teams = await tx.all<{ id: string; cadence: NotificationCadence }>(sql`
    SELECT c.id, c.cadence FROM chat_webhooks c
     WHERE c.owner_user_id IS NULL AND c.removed_at IS NULL
       AND (c.system_id IS NULL OR c.system_id = ${fact.systemId})
       AND ${jsonArrayHas(tx, "c.triggers", fact.trigger)}`);
  for (const team of teams) recipients.push({ key: `channel:${team.id}`, channel: "chat", cadence: team.cadence });
  return recipients;
}

export async function preferenceOf(tx: Db | Tx, userId: string, trigger: NotificationTrigger) {
  const row = await tx.get<{ channel: NotificationChannel; cadence: NotificationCadence } | undefined>(sql`
    SELECT channel, cadence FROM notification_preferences WHERE user_id = ${userId} AND trigger = ${trigger}`);
  return row ?? defaultPreference[trigger];
}

export async function personalChatId(tx: Db | Tx, userId: string): Promise<string | null> {
  return (
    (await tx.get<{ id: string } | undefined>(sql`
      SELECT id FROM chat_webhooks WHERE owner_user_id = ${userId} AND removed_at IS NULL ORDER BY created_at DESC LIMIT 1`))?.id ?? null
  );
}

import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { Deps } from "../../lib/context";
import { write } from "../../lib/tx";
import { hasPermission } from "@countersign/shared/permissions";
import { rolesOf } from "../users/queries";
import type { Fact } from "./facts";
import { renderMessage } from "./message";
import { personalChatId } from "./recipients";
import type { NotificationSettings } from "./settings";

type WaitingItem = { id: number; recipientKey: string; channel: "email" | "chat"; fact: string };

/**
 * Turns the items whose time has come into messages: everything one recipient has waiting on one
 * channel goes out as one message (a digest when there are several), so nobody gets a flood.
 */
export async function assembleMessages(deps: Deps, settings: NotificationSettings) {
  try {
    return await assemble(deps, settings);
  } catch (error) {
    // Another server process on the database assembled them first: nothing of this pass stands, nor needs to.
    if (error instanceof AssembledElsewhere) return 0;
    throw error;
  }
}

class AssembledElsewhere extends Error {}

function assemble(deps: Deps, settings: NotificationSettings) {
  const now = deps.now();
  return write(deps.db, async (tx) => {
    const waiting = await tx.all<WaitingItem>(sql`
      SELECT id, recipient_key AS recipientKey, channel, fact FROM notification_items
       WHERE delivery_id IS NULL AND send_after <= ${now} ORDER BY id`);
    const groups = new Map<string, WaitingItem[]>();
    for (const item of waiting) {
      const group = `${item.channel} ${item.recipientKey}`;
      groups.set(group, [...(groups.get(group) ?? []), item]);
    }
    for (const items of groups.values()) {
      const { recipientKey, channel } = items[0]!;
      const facts = await linksFor(tx, recipientKey, items.map((item) => JSON.parse(item.fact) as Fact));
      const message = renderMessage(facts, now, settings.publicUrl);
      const address = await addressOf(tx, recipientKey, channel);
      // A recipient gone in the meantime (deactivated, chat webhook removed) is a failure an admin sees, not a silent loss.
      const delivery = await tx.get<{ id: number }>(sql`
        INSERT INTO notification_deliveries (recipient_key, channel, address, subject, body, fact_count, status, attempts, next_attempt_at, last_error, created_at)
        VALUES (${recipientKey}, ${channel}, ${address ?? ""}, ${message.subject}, ${message.body}, ${facts.length},
                ${address ? "pending" : "failed"}, 0, ${now}, ${address ? null : `no ${channel === "email" ? "active user" : "chat webhook"} to send to`}, ${now})
        RETURNING id`);
      // Guarded on the row: on PostgreSQL another process may have taken these items since they were read.
      const taken = await tx.run(sql`UPDATE notification_items SET delivery_id = ${delivery.id} WHERE id IN (${sql.join(
        items.map((item) => sql`${item.id}`),
        sql`, `,
      )}) AND delivery_id IS NULL`);
      if (taken.changes !== items.length) throw new AssembledElsewhere();
    }
    return groups.size;
  });
}

async function addressOf(tx: Tx, recipientKey: string, channel: "email" | "chat"): Promise<string | null> {
  const [kind, id] = recipientKey.split(":", 2) as ["user" | "channel", string];
  if (kind === "channel") {
    return (await tx.get<{ id: string } | undefined>(sql`SELECT id FROM chat_webhooks WHERE id = ${id} AND removed_at IS NULL`))?.id ?? null;
  }
  if (channel === "chat") return personalChatId(tx, id);
  return (await tx.get<{ email: string } | undefined>(sql`SELECT email FROM users WHERE id = ${id} AND active = TRUE`))?.email ?? null;
}

/** A person who cannot read the audit trail (a reviewer) is linked to the page they can open instead. */
async function linksFor(tx: Tx, recipientKey: string, facts: Fact[]): Promise<Fact[]> {
  const [kind, id] = recipientKey.split(":", 2) as ["user" | "channel", string];
  if (kind !== "user" || !facts.some((fact) => fact.pathWithoutAuditTrail)) return facts;
  if (hasPermission({ roles: await rolesOf(tx, id) }, "readAuditTrail")) return facts;
  return facts.map((fact) => (fact.pathWithoutAuditTrail ? { ...fact, path: fact.pathWithoutAuditTrail } : fact));
}

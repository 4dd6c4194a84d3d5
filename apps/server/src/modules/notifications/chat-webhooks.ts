import { and, eq, isNull } from "drizzle-orm";
import {
  addTeamChannelInputSchema,
  setPersonalChatInputSchema,
  type AddTeamChannelInput,
  type ChatKind,
} from "@countersign/shared/notifications";
import type { Db, Tx } from "../../db/client";
import { chatWebhooks } from "../../db/schema/notifications";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "../systems/queries";
import { assertWebhookUrlAllowed } from "../webhooks/address-rule";
import { notificationSettings } from "./settings";

/**
 * Chat incoming webhooks. Whoever holds the URL can post to the channel, so it is a secret: it is
 * stored for sending, shown back only as its host and last characters, and never written to the
 * audit log (which records the hint).
 */
function hintOf(url: string) {
  const parsed = new URL(url);
  return `${parsed.host}/…${url.slice(-4)}`;
}

/** Well-formed, https (outside tests), and under the AI systems' webhooks' address rule (SSRF): one guard for every webhook. */
async function checkUrl(deps: Deps, url: string) {
  if (!URL.canParse(url)) {
    throw new AppError("BAD_REQUEST", "url is not a valid address", [{ path: "url", message: "must be the chat's incoming webhook address" }]);
  }
  if (!url.startsWith("https://") && !notificationSettings(deps.db).allowHttpChat) {
    throw new AppError("BAD_REQUEST", "url must start with https://: a chat webhook carries links into the workbench", [
      { path: "url", message: "must be an https:// address" },
    ]);
  }
  await assertWebhookUrlAllowed(url, deps.allowPrivateWebhookUrls ?? false);
}

export type ChatWebhookView = { id: string; label: string; kind: ChatKind; urlHint: string; systemId: string | null; triggers: string[]; cadence: string; createdAt: number };

const view = (row: typeof chatWebhooks.$inferSelect): ChatWebhookView => ({
  id: row.id,
  label: row.label,
  kind: row.kind,
  urlHint: row.urlHint,
  systemId: row.systemId,
  triggers: row.triggers,
  cadence: row.cadence,
  createdAt: row.createdAt,
});

export async function personalChatOf(db: Db | Tx, userId: string): Promise<ChatWebhookView | null> {
  const row = await db
    .select()
    .from(chatWebhooks)
    .where(and(eq(chatWebhooks.ownerUserId, userId), isNull(chatWebhooks.removedAt)))
    .get();
  return row ? view(row) : null;
}

/** Sets (or replaces) one's own chat webhook; notifications set to "chat" go there. */
export async function setPersonalChat(deps: Deps, actor: Actor & { type: "user" }, input: { kind: ChatKind; url: string }) {
  const { kind, url } = setPersonalChatInputSchema.parse(input);
  await checkUrl(deps, url);
  const now = deps.now();
  return write(deps.db, async (tx) => {
    await removeIn(tx, actor, (await personalChatOf(tx, actor.id))?.id, now);
    const id = newId("chat");
    await tx.insert(chatWebhooks)
      .values({ id, ownerUserId: actor.id, label: "personal", kind, url, urlHint: hintOf(url), triggers: [], cadence: "immediate", createdBy: actor.id, createdAt: now })
      .run();
    await appendAudit(tx, actor, now, { action: "chat_webhook.added", entityType: "chat_webhook", entityId: id, payload: { scope: "personal", kind, urlHint: hintOf(url) } });
    return personalChatOf(tx, actor.id);
  });
}

export async function removePersonalChat(deps: Deps, actor: Actor & { type: "user" }) {
  await write(deps.db, async (tx) => removeIn(tx, actor, (await personalChatOf(tx, actor.id))?.id, deps.now()));
}

export async function listTeamChannels(db: Db): Promise<ChatWebhookView[]> {
  return (await db.select().from(chatWebhooks).where(and(isNull(chatWebhooks.ownerUserId), isNull(chatWebhooks.removedAt))).orderBy(chatWebhooks.label).all()).map(view);
}

/** An admin connects a team's channel: it hears the chosen triggers for one system or all. */
export async function addTeamChannel(deps: Deps, actor: Actor, input: AddTeamChannelInput) {
  const { label, kind, url, systemId, triggers, cadence } = addTeamChannelInputSchema.parse(input);
  await checkUrl(deps, url);
  const now = deps.now();
  const id = newId("chat");
  await write(deps.db, async (tx) => {
    if (systemId) await systemById(tx, systemId);
    await tx.insert(chatWebhooks)
      .values({ id, ownerUserId: null, label, kind, url, urlHint: hintOf(url), triggers, systemId, cadence, createdBy: actor.id ?? actor.type, createdAt: now })
      .run();
    await appendAudit(tx, actor, now, {
      action: "chat_webhook.added",
      entityType: "chat_webhook",
      entityId: id,
      payload: { scope: "team", label, kind, urlHint: hintOf(url), systemId, triggers, cadence },
    });
  });
  return { id };
}

export async function removeTeamChannel(deps: Deps, actor: Actor, channelId: string) {
  await write(deps.db, async (tx) => {
    const row = await tx.select().from(chatWebhooks).where(and(eq(chatWebhooks.id, channelId), isNull(chatWebhooks.ownerUserId))).get();
    if (!row || row.removedAt !== null) {
      throw new AppError("NOT_FOUND", "no such team channel", [{ path: "channelId", message: "no team channel in use has this id" }]);
    }
    await removeIn(tx, actor, row.id, deps.now());
  });
}

async function removeIn(tx: Tx, actor: Actor, id: string | undefined, now: number) {
  if (!id) return;
  await tx.update(chatWebhooks).set({ removedAt: now }).where(eq(chatWebhooks.id, id)).run();
  await appendAudit(tx, actor, now, { action: "chat_webhook.removed", entityType: "chat_webhook", entityId: id });
}

import type { Transporter } from "nodemailer";
import type { ChatKind } from "@countersign/shared/notifications";
import { postDelivery } from "../webhooks/post";
import type { Message } from "./message";
import type { NotificationSettings } from "./settings";

/** How a message leaves: by SMTP, or posted to a chat's incoming webhook. Tests pass the same ones, pointed at their own servers. */
export type Transports = {
  email: ((to: string, message: Message) => Promise<void>) | null;
  chat: (kind: ChatKind, url: string, message: Message) => Promise<void>;
};

const chatTimeoutMs = 10_000;

/**
 * `allowPrivate` is COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: a chat webhook is a webhook, under the AI
 * systems' webhooks' address rule (SSRF), checked again at each delivery with DNS checked at connect.
 */
export function transportsFor(settings: NotificationSettings, allowPrivate: boolean): Transports {
  const { smtpUrl } = settings;
  // Loaded on the first email, so a server without SMTP never loads the mailer.
  let mailer: Promise<Transporter> | undefined;
  return {
    email: smtpUrl
      ? async (to, message) => {
          mailer ??= import("nodemailer").then(({ createTransport }) => createTransport(smtpUrl));
          await (await mailer).sendMail({ from: settings.mailFrom, to, subject: message.subject, text: message.body });
        }
      : null,
    chat: (kind, url, message) => postToChat(kind, url, message, allowPrivate),
  };
}

/**
 * Slack's incoming webhooks read `text` as mrkdwn, where `<…>` makes links and mentions: the
 * three characters it reserves are escaped, so a system's name cannot ping @channel. Teams reads
 * a MessageCard.
 */
async function postToChat(kind: ChatKind, url: string, message: Message, allowPrivate: boolean) {
  const text = `${message.subject}\n\n${message.body}`.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body =
    kind === "slack"
      ? { text }
      : { "@type": "MessageCard", "@context": "https://schema.org/extensions", summary: message.subject, text: text.replace(/\n/g, "  \n") };
  // The webhooks' sender: no redirects followed, a fresh connection, only public addresses unless allowed.
  const outcome = await postDelivery(url, {}, JSON.stringify(body), { timeoutMs: chatTimeoutMs, allowPrivate });
  if (outcome.error !== null) throw new Error(`the chat webhook was not reached: ${outcome.error}`);
  if (outcome.httpStatus === null || outcome.httpStatus < 200 || outcome.httpStatus > 299) throw new Error(`the chat webhook answered ${outcome.httpStatus}`);
}

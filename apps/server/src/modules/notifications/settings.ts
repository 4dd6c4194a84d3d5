import type { Db } from "../../db/client";

/** How the notifications run on this instance: read once from the environment (env.ts), set by tests directly. */
export type NotificationSettings = {
  /** The workbench's address for links; without it a message names the page and says links need COUNTERSIGN_PUBLIC_URL. */
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  urgentAfterMinutes: number;
  dueWithinMinutes: number;
  qualificationWithinDays: number;
  /** Tests only: chat webhooks on plain http (a local receiver). */
  allowHttpChat: boolean;
};

export const defaultNotificationSettings: NotificationSettings = {
  publicUrl: undefined,
  smtpUrl: undefined,
  mailFrom: "Countersign <countersign@localhost>",
  urgentAfterMinutes: 15,
  dueWithinMinutes: 60,
  qualificationWithinDays: 14,
  allowHttpChat: false,
};

const settings = new WeakMap<Db, NotificationSettings>();

export function configureNotifications(db: Db, value: NotificationSettings) {
  settings.set(db, value);
}

export function notificationSettings(db: Db): NotificationSettings {
  return settings.get(db) ?? defaultNotificationSettings;
}

import { z } from "zod";
import { wellFormedText } from "./exact";

/**
 * What Countersign tells people about without their watching a tab. Each trigger names who hears
 * it by role and authority (see `triggerAudience`); there is no approve-from-chat: a decision
 * needs the analysis form, so every message only links into the workbench.
 */
export const notificationTriggers = [
  "urgent_waiting",
  "due_soon",
  "due_passed",
  "drift_raised",
  "system_halted",
  "system_resumed",
  "dispute_waiting",
  "escalation_expired",
  "webhook_disabled",
  "qualification_expiring",
  "decision_reopened",
] as const;
export const notificationTriggerSchema = z.enum(notificationTriggers);
export type NotificationTrigger = z.infer<typeof notificationTriggerSchema>;

export const triggerLabels: Record<NotificationTrigger, string> = {
  urgent_waiting: "An urgent escalation is waiting",
  due_soon: "An escalation's due date is about to pass",
  due_passed: "An escalation's due date has passed",
  drift_raised: "A drift alert was raised",
  system_halted: "An AI system was halted",
  system_resumed: "An AI system was resumed",
  dispute_waiting: "A dispute waits for a lead",
  escalation_expired: "An escalation expired undecided",
  webhook_disabled: "A webhook endpoint was disabled",
  qualification_expiring: "Your qualification is about to expire",
  decision_reopened: "A decision of yours was reopened",
};

/** Who hears a trigger: the page lists only the triggers a user's roles can receive. */
export const triggerAudience: Record<NotificationTrigger, string> = {
  urgent_waiting: "reviewers qualified for the system",
  due_soon: "reviewers qualified for the system",
  due_passed: "reviewers qualified for the system",
  drift_raised: "leads",
  system_halted: "leads",
  system_resumed: "leads",
  dispute_waiting: "leads with the override authority for the system (all leads when none holds it)",
  escalation_expired: "leads",
  webhook_disabled: "admins",
  qualification_expiring: "the holder",
  decision_reopened: "the people whose verifications or resolution the reopening superseded",
};

/** The roles that can receive a trigger at all. */
export const triggerRoles: Record<NotificationTrigger, readonly ("reviewer" | "lead" | "admin")[]> = {
  urgent_waiting: ["reviewer"],
  due_soon: ["reviewer"],
  due_passed: ["reviewer"],
  drift_raised: ["lead"],
  system_halted: ["lead"],
  system_resumed: ["lead"],
  dispute_waiting: ["lead"],
  escalation_expired: ["lead"],
  webhook_disabled: ["admin"],
  qualification_expiring: ["reviewer", "lead"],
  decision_reopened: ["reviewer", "lead"],
};

export const notificationChannels = ["email", "chat", "off"] as const;
export const notificationChannelSchema = z.enum(notificationChannels);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** Immediately, or gathered into one message an hour (at the full hour) or a day (at 07:00 UTC). */
export const notificationCadences = ["immediate", "hourly", "daily"] as const;
export const notificationCadenceSchema = z.enum(notificationCadences);
export type NotificationCadence = z.infer<typeof notificationCadenceSchema>;

export type NotificationPreference = { trigger: NotificationTrigger; channel: NotificationChannel; cadence: NotificationCadence };

/** Without a choice of one's own: urgent work at once by email, the rest in an hourly digest, qualifications daily. */
export const defaultPreference: Record<NotificationTrigger, Omit<NotificationPreference, "trigger">> = {
  urgent_waiting: { channel: "email", cadence: "immediate" },
  due_soon: { channel: "email", cadence: "immediate" },
  due_passed: { channel: "email", cadence: "hourly" },
  drift_raised: { channel: "email", cadence: "immediate" },
  system_halted: { channel: "email", cadence: "immediate" },
  system_resumed: { channel: "email", cadence: "immediate" },
  dispute_waiting: { channel: "email", cadence: "hourly" },
  escalation_expired: { channel: "email", cadence: "hourly" },
  webhook_disabled: { channel: "email", cadence: "immediate" },
  qualification_expiring: { channel: "email", cadence: "daily" },
  decision_reopened: { channel: "email", cadence: "immediate" },
};

export const setPreferencesInputSchema = z.object({
  preferences: z
    .array(z.object({ trigger: notificationTriggerSchema, channel: notificationChannelSchema, cadence: notificationCadenceSchema }))
    .min(1, "preferences must name at least one trigger")
    .max(notificationTriggers.length, `preferences names each trigger at most once`)
    .refine((list) => new Set(list.map((p) => p.trigger)).size === list.length, "preferences names each trigger at most once"),
});
export type SetPreferencesInput = z.infer<typeof setPreferencesInputSchema>;

export const chatKinds = ["slack", "teams"] as const;
export const chatKindSchema = z.enum(chatKinds);
export type ChatKind = z.infer<typeof chatKindSchema>;

const webhookUrl = z
  .string()
  .trim()
  .max(2000, "url must be at most 2000 characters")
  .regex(/^https?:\/\/[^\s/?#]+(\/\S*)?$/, "url must be the chat's incoming webhook address, https://…");

/** One's own chat webhook: notifications set to "chat" are posted there. */
export const setPersonalChatInputSchema = z.object({ kind: chatKindSchema, url: webhookUrl });

/** A team's channel, configured by an admin: hears the chosen triggers, for one AI system or all. */
export const addTeamChannelInputSchema = z.object({
  label: wellFormedText("label").trim().min(1, "label must name the team or channel").max(100, "label must be at most 100 characters"),
  kind: chatKindSchema,
  url: webhookUrl,
  systemId: wellFormedText("systemId").min(1, "systemId must name an AI system, or be null for all").nullable(),
  triggers: z
    .array(
      notificationTriggerSchema.exclude(["qualification_expiring", "decision_reopened"], {
        error: "a team channel cannot hear what is told to one person: a person's qualification expiring, or their decision reopened",
      }),
    )
    .min(1, "triggers must name at least one trigger"),
  cadence: notificationCadenceSchema,
});
export type AddTeamChannelInput = z.infer<typeof addTeamChannelInputSchema>;

export const removeTeamChannelInputSchema = z.object({ channelId: wellFormedText("channelId").min(1, "channelId must name a team channel") });

import { z } from "zod";

/**
 * The closed set of events an AI system can subscribe to. Each is written to the outbox in the
 * transaction of the change it announces; webhooks and notifications are fed from the outbox.
 */
export const eventTypes = [
  "escalation.decided",
  "escalation.expired",
  "escalation.reopened",
  "system.halted",
  "system.resumed",
  "verification_rate.drift_raised",
  "verification_rate.drift_cleared",
  "webhook_endpoint.disabled",
] as const;

export type EventType = (typeof eventTypes)[number];

export const eventTypeSchema = z.enum(eventTypes, {
  error: () => ({ message: `must be one of ${eventTypes.join(", ")}` }),
});

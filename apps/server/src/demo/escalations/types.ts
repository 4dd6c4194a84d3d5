import type { EscalationInput } from "@countersign/shared/escalation";

/**
 * One demo escalation: the body an AI system would POST to /api/v1/escalations, plus when it
 * arrived and when it is due, both relative to the moment the demo is seeded so ages and SLA
 * breaches look the same whenever the demo starts.
 */
export type DemoEscalation = Omit<EscalationInput, "dueAt"> & {
  /** Minutes before seeding that the AI system sent it. */
  receivedMinutesAgo: number;
  /** Hours after seeding that a decision is due; negative means already overdue. */
  dueInHours?: number;
};

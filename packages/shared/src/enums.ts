import { z } from "zod";

export const roles = ["reviewer", "lead", "auditor", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** HITL: every output meant to be sent for review; HOTL: exceptions only; HIC: no per-item review, humans can stop. */
export const oversightModes = ["HITL", "HOTL", "HIC"] as const;
export const oversightModeSchema = z.enum(oversightModes);
export type OversightMode = z.infer<typeof oversightModeSchema>;

export const priorities = ["low", "normal", "high", "urgent"] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;

/** Higher rank is served first by "Claim next". */
export const priorityRank: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * The status an escalation row stores, and the one AI systems and the queue read: open (queued,
 * in review), decided, or expired (its dueAt passed undecided). The finer lifecycle states are
 * `escalationStates`; `publicStatus` in the server's lifecycle maps one onto the other.
 */
export const escalationStatuses = ["queued", "in_review", "decided", "expired"] as const;
export const escalationStatusSchema = z.enum(escalationStatuses);
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

/**
 * An escalation's life (apps/server/src/modules/escalations/lifecycle.ts): queued; in review
 * (a reviewer holds its lease); awaiting another verification (two-person rule); disputed (the
 * verifications disagreed: a lead resolves it); decided; expired (dueAt passed undecided); purged
 * (its content removed after the retention period).
 */
export const escalationStates = ["queued", "in_review", "awaiting_verification", "disputed", "decided", "expired", "purged"] as const;
export type EscalationState = (typeof escalationStates)[number];

export const outcomes = ["approved", "modified", "rejected", "escalated"] as const;
export const outcomeSchema = z.enum(outcomes);
export type Outcome = z.infer<typeof outcomeSchema>;

export const checklistAnswers = ["yes", "no", "na"] as const;
export const checklistAnswerSchema = z.enum(checklistAnswers);
export type ChecklistAnswer = z.infer<typeof checklistAnswerSchema>;

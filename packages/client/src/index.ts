export { Countersign, type CountersignOptions, type Escalation, type EscalationInput, type VolumeInput } from "./client";
export { CountersignError, type CountersignErrorCode, type CountersignIssue } from "./errors";
export type { RetryPolicy } from "./http";
export { verifyWebhook } from "./webhook";
/** A reopened round's decision as it was (`escalation.earlierRounds`), kept after a reversal. */
export type { SupersededRound } from "@countersign/shared/escalation";
export type {
  BatchEscalation,
  BatchItemResult,
  EscalationBatchResult,
  EscalationReceived,
  PublicKey,
  SystemState,
  VolumeReport,
} from "@countersign/shared/rest-api";

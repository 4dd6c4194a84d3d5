export { Countersign, type CountersignOptions, type Escalation, type EscalationInput, type VolumeInput } from "./client";
export { CountersignError, type CountersignErrorCode, type CountersignIssue } from "./errors";
export type { RetryPolicy } from "./http";
export { verifyWebhook } from "./webhook";
export type {
  BatchEscalation,
  BatchItemResult,
  EscalationBatchResult,
  EscalationReceived,
  PublicKey,
  SystemState,
  VolumeReport,
} from "@countersign/shared/rest-api";

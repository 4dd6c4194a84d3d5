import { z } from "zod";
import { escalationStatusSchema } from "./enums";
import { escalationInputSchema } from "./escalation";
import { traceparentSchema } from "./tracing";

/**
 * The REST API's answers, as schemas: the OpenAPI document is generated from them and the
 * TypeScript client takes its types from them, so neither can drift from what the routes send.
 */

export const apiErrorBodySchema = z
  .object({
    code: z.string().meta({ example: "BAD_REQUEST" }),
    message: z.string(),
    issues: z.array(z.object({ path: z.string().meta({ example: "contextSummary" }), message: z.string() })),
  })
  .meta({ id: "ErrorBody" });

/** Every REST error: `{ error: { code, message, issues: [{ path, message }] } }`. */
export const apiErrorSchema = z.object({ error: apiErrorBodySchema }).meta({ id: "Error" });

export const escalationReceivedSchema = z
  .object({ id: z.string(), externalId: z.string(), status: escalationStatusSchema })
  .meta({ id: "EscalationReceived" });
export type EscalationReceived = z.output<typeof escalationReceivedSchema>;

export const maxBatchEscalations = 500;

/** One escalation of a batch: the same body as a single POST, with its traceparent as a field. */
export const batchEscalationSchema = escalationInputSchema.extend({ traceparent: traceparentSchema.optional() });
export type BatchEscalation = z.input<typeof batchEscalationSchema>;

/**
 * The envelope of POST /api/v1/escalations/batch. Items are validated one by one (each failure is
 * that item's result), so the envelope only checks there is a list of the right length.
 */
export const escalationBatchEnvelopeSchema = z.strictObject({
  items: z
    .array(z.unknown(), { error: "items must be an array of escalations" })
    .min(1, "items must hold at least one escalation")
    .max(maxBatchEscalations, `items may hold at most ${maxBatchEscalations} escalations`),
});

/** The documented request body of a batch (what each item must be, which the envelope checks one by one). */
export const escalationBatchInputSchema = z
  .strictObject({ items: z.array(batchEscalationSchema).min(1).max(maxBatchEscalations) })
  .meta({ id: "EscalationBatch" });

export const batchItemResultSchema = z
  .discriminatedUnion("result", [
    escalationReceivedSchema.extend({ index: z.number().int(), result: z.literal("created") }),
    escalationReceivedSchema.extend({ index: z.number().int(), result: z.literal("existing") }),
    z.object({ index: z.number().int(), result: z.literal("error"), error: apiErrorBodySchema }),
  ])
  .meta({ id: "BatchItemResult" });
export type BatchItemResult = z.output<typeof batchItemResultSchema>;

export const escalationBatchResultSchema = z
  .object({
    created: z.number().int(),
    existing: z.number().int(),
    failed: z.number().int(),
    results: z.array(batchItemResultSchema),
  })
  .meta({ id: "EscalationBatchResult" });
export type EscalationBatchResult = z.output<typeof escalationBatchResultSchema>;

export const volumeReportSchema = z
  .object({
    id: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    total: z.number().int(),
    escalated: z.number().int().nullable(),
  })
  .meta({ id: "VolumeReport" });
export type VolumeReport = z.output<typeof volumeReportSchema>;

/** GET /api/v1/system: the stop state, signed (Ed25519 over the RFC 8785 canonical JSON of every other field). */
export const systemStateSchema = z
  .object({
    slug: z.string(),
    state: z.enum(["active", "halted"]),
    reason: z.string().nullable(),
    changedAt: z.string().nullable(),
    changedBy: z.string().nullable(),
    seq: z.number().int(),
    issuedAt: z.string(),
    keyId: z.string(),
    signature: z.string().meta({ description: "base64 Ed25519 signature over the canonical JSON (RFC 8785) of the body without this field" }),
  })
  .meta({ id: "SystemState" });
export type SystemState = z.output<typeof systemStateSchema>;

export const publicKeySchema = z
  .object({
    algorithm: z.literal("Ed25519"),
    keyId: z.string(),
    pem: z.string(),
    jwk: z.record(z.string(), z.unknown()),
    signs: z.string(),
  })
  .meta({ id: "PublicKey" });
export type PublicKey = z.output<typeof publicKeySchema>;

export const goldItemCreatedSchema = z.object({ id: z.string() }).meta({ id: "GoldItemCreated" });

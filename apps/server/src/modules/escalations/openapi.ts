import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { escalationInputSchema, escalationLookupSchema, escalationResourceSchema, escalationWaitSchema } from "@countersign/shared/escalation";
import { escalationBatchInputSchema, escalationBatchResultSchema, escalationReceivedSchema, maxBatchEscalations } from "@countersign/shared/rest-api";
import { traceparentSchema } from "@countersign/shared/tracing";
import { apiKeyResponses, apiKeySecurity, errorResponse, jsonContent } from "../../lib/openapi";

const tags = ["Escalations"];

/** The escalation routes of rest.ts, described for /api/v1/openapi.json. */
export const escalationPaths: ZodOpenApiPathsObject = {
  "/escalations": {
    post: {
      operationId: "escalate",
      summary: "Hand one AI output to humans",
      description:
        "Idempotent by `externalId`: the same body again answers 200 with the first escalation; a different body under the same externalId is a 409. The body may hold 4 MiB; `input` and `aiOutput` at most 1 MiB each as stored JSON (UTF-8), `metadata` 256 KiB (400 naming the field beyond).",
      tags,
      security: apiKeySecurity,
      requestParams: { header: z.object({ traceparent: traceparentSchema.optional() }) },
      requestBody: { required: true, ...jsonContent(escalationInputSchema.meta({ id: "EscalationInput" })) },
      responses: apiKeyResponses({
        201: { description: "Queued", ...jsonContent(escalationReceivedSchema) },
        200: { description: "Already received with this externalId and the same body", ...jsonContent(escalationReceivedSchema) },
        400: errorResponse[400],
        409: errorResponse[409],
        413: { ...errorResponse[413], description: "The body is over 4 MiB" },
      }),
    },
    get: {
      operationId: "findEscalation",
      summary: "Read an escalation by its externalId",
      tags,
      security: apiKeySecurity,
      requestParams: { query: escalationLookupSchema },
      responses: apiKeyResponses({
        200: { description: "The escalation, with the decision once decided", ...jsonContent(escalationResourceSchema) },
        400: errorResponse[400],
        404: errorResponse[404],
      }),
    },
  },
  "/escalations/batch": {
    post: {
      operationId: "escalateBatch",
      summary: `Hand up to ${maxBatchEscalations} AI outputs to humans at once`,
      description:
        "Each item is validated and received on its own, exactly as a single POST would be; its result is `created`, `existing` (same externalId and body) or `error` (the same error shape, paths named `items.<index>.<field>`). Invalid items are refused one by one; every valid item is committed in one transaction. The answer is 200 whenever the envelope is valid, so read each result.",
      tags,
      security: apiKeySecurity,
      requestBody: { required: true, ...jsonContent(escalationBatchInputSchema) },
      responses: apiKeyResponses({
        200: { description: "One result per item, in the order sent", ...jsonContent(escalationBatchResultSchema) },
        400: errorResponse[400],
        413: { ...errorResponse[413], description: "The body is over 16 MiB" },
      }),
    },
  },
  "/escalations/{id}": {
    get: {
      operationId: "getEscalation",
      summary: "Read an escalation and, once decided, its decision",
      description:
        "The first read of a decision is recorded in the audit log. `?wait=N` (0–30 s) holds the answer until the escalation is decided or expired, or N seconds pass, then answers as without it.\n\n" +
        "**Reversal (EU AI Act Art. 14(4)(d)).** A person with the override authority may reopen a decided escalation: it goes back to review as a new `round` (the event `escalation.reopened` is sent), `decision` disappears until the new round is decided (then `escalation.decided` is sent again), and `earlierRounds` lists each superseded round with its decision as it was, when it was superseded, by whom and why. `decision` is always the decision in force; act on the latest one. The first read of each round's decision is recorded. A reopened round has its own `dueAt`: as long after the reopening as the first round's `dueAt` was after `receivedAt` (at least one lease); each `earlierRounds` entry keeps its round's `dueAt`.",
      tags,
      security: apiKeySecurity,
      requestParams: { path: z.object({ id: z.string().meta({ example: "esc_3f2a…" }) }), query: escalationWaitSchema },
      responses: apiKeyResponses({
        200: { description: "The escalation, with the decision once decided (or expired)", ...jsonContent(escalationResourceSchema) },
        400: errorResponse[400],
        404: errorResponse[404],
      }),
    },
  },
};

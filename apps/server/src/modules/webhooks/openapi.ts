import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  webhookEndpointCreatedSchema,
  webhookEndpointInputSchema,
  webhookEndpointSchema,
  webhookSecretRotatedSchema,
} from "@countersign/shared/webhooks";
import { apiKeyResponses, apiKeySecurity, errorResponse, jsonContent } from "../../lib/openapi";

const tags = ["Webhooks"];
const endpointId = { path: z.object({ id: z.string().meta({ example: "whe_3f2a…" }) }) };

/** The webhook-endpoint routes of rest.ts, described for /api/v1/openapi.json. */
export const webhookPaths: ZodOpenApiPathsObject = {
  "/webhook-endpoints": {
    post: {
      operationId: "addWebhookEndpoint",
      summary: "Register a URL to receive this AI system's events",
      description:
        "Deliveries follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The `secret` is in this answer only. Private, loopback and link-local addresses are refused unless the server allows them.",
      tags,
      security: apiKeySecurity,
      requestBody: { required: true, ...jsonContent(webhookEndpointInputSchema) },
      responses: apiKeyResponses({
        201: { description: "Registered; the secret is shown once", ...jsonContent(webhookEndpointCreatedSchema) },
        400: errorResponse[400],
        409: errorResponse[409],
        413: errorResponse[413],
      }),
    },
    get: {
      operationId: "listWebhookEndpoints",
      summary: "This AI system's webhook endpoints",
      tags,
      security: apiKeySecurity,
      responses: apiKeyResponses({ 200: { description: "Every live endpoint, without secrets", ...jsonContent(z.object({ endpoints: z.array(webhookEndpointSchema) })) } }),
    },
  },
  "/webhook-endpoints/{id}": {
    get: {
      operationId: "getWebhookEndpoint",
      summary: "One webhook endpoint: its status and, when disabled, why",
      tags,
      security: apiKeySecurity,
      requestParams: endpointId,
      responses: apiKeyResponses({ 200: { description: "The endpoint", ...jsonContent(webhookEndpointSchema) }, 404: errorResponse[404] }),
    },
    delete: {
      operationId: "deleteWebhookEndpoint",
      summary: "Stop sending to this endpoint; its delivery log is kept",
      tags,
      security: apiKeySecurity,
      requestParams: endpointId,
      responses: apiKeyResponses({ 204: { description: "Deleted; pending retries are cancelled" }, 404: errorResponse[404] }),
    },
  },
  "/webhook-endpoints/{id}/rotate-secret": {
    post: {
      operationId: "rotateWebhookSecret",
      summary: "Issue a new signing secret; the old one keeps signing for 24 hours",
      tags,
      security: apiKeySecurity,
      requestParams: endpointId,
      responses: apiKeyResponses({ 200: { description: "The new secret, shown once", ...jsonContent(webhookSecretRotatedSchema) }, 404: errorResponse[404] }),
    },
  },
};

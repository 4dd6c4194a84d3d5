import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { apiErrorSchema } from "@countersign/shared/rest-api";
import type { z } from "zod";

/**
 * Pieces each module's OpenAPI descriptor (modules/<domain>/openapi.ts) is built from; the
 * document itself is assembled in modules/api-docs/document.ts.
 */

export const apiKeySecurity: ZodOpenApiOperationObject["security"] = [{ apiKey: [] }];

const errorContent = { "application/json": { schema: apiErrorSchema } };

/** The error answers, each `{ error: { code, message, issues } }`. */
export const errorResponse = {
  400: { description: "Invalid request: `issues` names every bad field and the rule it breaks", content: errorContent },
  401: {
    description: "No API key, or an unknown or revoked one",
    headers: { "WWW-Authenticate": { schema: { type: "string" } } },
    content: errorContent,
  },
  404: { description: "Not found (another AI system's data reads as absent)", content: errorContent },
  409: { description: "Conflict with what was sent before", content: errorContent },
  413: { description: "The body is over 1 MiB", content: errorContent },
  429: {
    description: "Over the API key's allowance (the AI system's requests per minute; the stop poll: 5 per second)",
    headers: { "Retry-After": { description: "Seconds until a retry can succeed", schema: { type: "integer" } } },
    content: errorContent,
  },
} as const satisfies ZodOpenApiResponsesObject;

/** Every route behind an API key can answer 401 and 429, and 500 (with the same shape). */
export function apiKeyResponses(responses: ZodOpenApiResponsesObject): ZodOpenApiResponsesObject {
  return {
    ...responses,
    401: errorResponse[401],
    429: errorResponse[429],
    500: { description: "Internal error; the server log has the cause", content: errorContent },
  };
}

export function jsonContent(schema: z.ZodType) {
  return { content: { "application/json": { schema } } };
}

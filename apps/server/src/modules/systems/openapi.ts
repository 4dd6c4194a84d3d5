import type { ZodOpenApiPathsObject } from "zod-openapi";
import { apiErrorSchema, publicKeySchema, systemStateSchema } from "@countersign/shared/rest-api";
import { apiKeyResponses, apiKeySecurity, errorResponse, jsonContent } from "../../lib/openapi";

export const systemPaths: ZodOpenApiPathsObject = {
  "/system": {
    get: {
      operationId: "systemState",
      summary: "Has a human pressed stop on this AI system? (signed)",
      description:
        "Poll up to 5 times a second. `signature` is Ed25519 (key: GET /public-key) over the RFC 8785 canonical JSON of every other field; refuse a state whose `seq` is lower than one already seen.",
      tags: ["Stop"],
      security: apiKeySecurity,
      responses: apiKeyResponses({ 200: { description: "The signed stop state", ...jsonContent(systemStateSchema) }, 404: errorResponse[404] }),
    },
  },
  "/public-key": {
    get: {
      operationId: "publicKey",
      summary: "The instance's Ed25519 public key (stop state, audit checkpoints, proof packs)",
      tags: ["Stop"],
      security: [],
      responses: {
        200: { description: "The key as PEM and JWK, with its id", ...jsonContent(publicKeySchema) },
        429: { description: "Too many requests", content: { "application/json": { schema: apiErrorSchema } } },
      },
    },
  },
};

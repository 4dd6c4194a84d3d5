import type { ZodOpenApiPathsObject } from "zod-openapi";
import { instructionsVersionSchema } from "@countersign/shared/instructions";
import { apiKeyResponses, apiKeySecurity, errorResponse, jsonContent } from "../../lib/openapi";

export const instructionsPaths: ZodOpenApiPathsObject = {
  "/system/instructions": {
    get: {
      operationId: "instructionsForUse",
      summary: "The AI system's instructions for use in force (EU AI Act Art. 13, 26(1))",
      description:
        "Provider, provider's contact, intended purpose, known limitations and oversight instructions, as the deployer's admins recorded them. Each edit is a new version; every verification names the version it was made under (`decision.verifications[].instructionsForUse`).",
      tags: ["Instructions for use"],
      security: apiKeySecurity,
      responses: apiKeyResponses({
        200: { description: "The version in force", ...jsonContent(instructionsVersionSchema) },
        404: errorResponse[404],
      }),
    },
  },
};

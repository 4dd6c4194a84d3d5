import type { ZodOpenApiPathsObject } from "zod-openapi";
import { volumeInputSchema } from "@countersign/shared/operations";
import { volumeReportSchema } from "@countersign/shared/rest-api";
import { apiKeyResponses, apiKeySecurity, errorResponse, jsonContent } from "../../lib/openapi";

export const volumePaths: ZodOpenApiPathsObject = {
  "/volume": {
    post: {
      operationId: "reportVolume",
      summary: "Report how many outputs the AI system produced in a period",
      description:
        "The period is the idempotency key: the same figures again answer 200; different figures for the same period, or a period overlapping another, are a 409.",
      tags: ["Volume"],
      security: apiKeySecurity,
      requestBody: { required: true, ...jsonContent(volumeInputSchema.meta({ id: "VolumeInput" })) },
      responses: apiKeyResponses({
        201: { description: "Recorded", ...jsonContent(volumeReportSchema) },
        200: { description: "Already recorded with the same figures", ...jsonContent(volumeReportSchema) },
        400: errorResponse[400],
        409: errorResponse[409],
        413: errorResponse[413],
      }),
    },
  },
};

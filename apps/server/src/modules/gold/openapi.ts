import type { ZodOpenApiPathsObject } from "zod-openapi";
import { goldItemInputSchema } from "@countersign/shared/gold";
import { goldItemCreatedSchema } from "@countersign/shared/rest-api";
import { apiKeyResponses, apiKeySecurity, errorResponse, jsonContent } from "../../lib/openapi";

export const goldPaths: ZodOpenApiPathsObject = {
  "/gold-items": {
    post: {
      operationId: "addGoldItem",
      summary: "Add a gold item: an escalation with a known correct outcome, mixed into the queue",
      description: "Gold items never come back through the escalations API.",
      tags: ["Gold items"],
      security: apiKeySecurity,
      requestBody: { required: true, ...jsonContent(goldItemInputSchema.meta({ id: "GoldItemInput" })) },
      responses: apiKeyResponses({ 201: { description: "Added", ...jsonContent(goldItemCreatedSchema) }, 400: errorResponse[400], 413: { ...errorResponse[413], description: "The body is over 4 MiB" } }),
    },
  },
};

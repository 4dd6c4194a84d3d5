import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { escalationPaths } from "../escalations/openapi";
import { instructionsPaths } from "../instructions/openapi";
import { goldPaths } from "../gold/openapi";
import { systemPaths } from "../systems/openapi";
import { volumePaths } from "../volume/openapi";
import { webhookPaths } from "../webhooks/openapi";

/**
 * Each module describes its own routes beside its rest.ts; a new module adds its paths here.
 * Paths are relative to the server below, /api/v1.
 */
const modulePaths: ZodOpenApiPathsObject[] = [escalationPaths, volumePaths, systemPaths, instructionsPaths, goldPaths, webhookPaths];

let built: Awaited<ReturnType<typeof createDocument>> | undefined;

/** The OpenAPI 3.1 description of /api/v1, generated from the zod schemas the routes validate with. */
export function openApiDocument() {
  built ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Countersign REST API",
      version: "1",
      description:
        "For AI systems: hand outputs to human reviewers, read their decisions, report volume, read the signed stop state. Every error is `{ error: { code, message, issues: [{ path, message }] } }`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key of one AI system (`pnpm countersign key issue --system SLUG`, or the admin screen), as `Authorization: Bearer <key>`.",
        },
      },
    },
    paths: Object.assign({}, ...modulePaths),
  },
  // The free-form JSON fields are zod custom schemas; each carries its JSON Schema in .meta().
  { allowEmptySchema: { custom: true } });
  return built;
}

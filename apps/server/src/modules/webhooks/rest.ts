import { Hono } from "hono";
import { webhookEndpointInputSchema, webhookEndpointPathSchema } from "@countersign/shared/webhooks";
import type { Deps } from "../../lib/context";
import { jsonBody, limitBody, parseOr400, requireApiKey, type RestEnv } from "../../lib/rest";
import { addWebhookEndpoint } from "./add-endpoint";
import { deleteWebhookEndpoint } from "./delete-endpoint";
import { describeEndpoint, listWebhookEndpoints, liveEndpoint } from "./queries";
import { rotateWebhookSecret } from "./rotate-secret";

/** REST for AI systems: their own webhook endpoints. Another system's endpoint is "not found". */
export function webhookEndpointRoutes(deps: Deps) {
  const asSystem = (id: string) => ({ type: "ai_system" as const, id });
  const endpointId = (c: { req: { param(name: "id"): string } }) => parseOr400(webhookEndpointPathSchema, { id: c.req.param("id") }).id;
  return new Hono<RestEnv>()
    .post("/", requireApiKey(deps, "manageWebhookEndpoints"), limitBody, async (c) => {
      const input = await jsonBody(c, webhookEndpointInputSchema);
      return c.json(await addWebhookEndpoint(deps, asSystem(c.var.system.id), c.var.system.id, input), 201);
    })
    .get("/", requireApiKey(deps, "manageWebhookEndpoints"), async (c) => c.json({ endpoints: await listWebhookEndpoints(deps.db, c.var.system.id, deps.now()) }))
    .get("/:id", requireApiKey(deps, "manageWebhookEndpoints"), async (c) => c.json(describeEndpoint(await liveEndpoint(deps.db, endpointId(c), c.var.system.id), deps.now())))
    .delete("/:id", requireApiKey(deps, "manageWebhookEndpoints"), async (c) => {
      await deleteWebhookEndpoint(deps, asSystem(c.var.system.id), endpointId(c), c.var.system.id);
      return c.body(null, 204);
    })
    .post("/:id/rotate-secret", requireApiKey(deps, "manageWebhookEndpoints"), async (c) =>
      c.json(await rotateWebhookSecret(deps, asSystem(c.var.system.id), endpointId(c), c.var.system.id)),
    );
}

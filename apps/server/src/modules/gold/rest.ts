import { Hono } from "hono";
import { goldItemInputSchema } from "@countersign/shared/gold";
import type { Deps } from "../../lib/context";
import { jsonBody, limitEscalationBody, requireApiKey, type RestEnv } from "../../lib/rest";
import { addGoldItems } from "./add-gold";

/**
 * Gold items over REST, for the team that runs the AI system's integration: authenticated with
 * that system's API key. Gold items never come back through the escalations API.
 */
export function goldRoutes(deps: Deps) {
  return new Hono<RestEnv>().post("/", requireApiKey(deps, "submitGoldItems"), limitEscalationBody, async (c) => {
    const item = await jsonBody(c, goldItemInputSchema);
    const [added] = await addGoldItems(deps, { type: "ai_system", id: c.var.system.id }, c.var.system.id, [item]);
    return c.json({ id: added!.goldItemId }, 201);
  });
}

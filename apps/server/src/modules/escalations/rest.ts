import { Hono } from "hono";
import { escalationInputSchema, escalationLookupSchema, escalationWaitSchema } from "@countersign/shared/escalation";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { jsonBody, limitBody, parseOr400, requireApiKey, type RestEnv } from "../../lib/rest";
import { readEscalation } from "./read";
import { receiveEscalation } from "./receive";

/** REST for AI systems: hand an output to humans, and read the decision back. */
export function escalationRoutes(deps: Deps) {
  return new Hono<RestEnv>()
    .post("/", requireApiKey(deps, "submitEscalations"), limitBody, async (c) => {
      if (!(c.req.header("content-type") ?? "").toLowerCase().includes("application/json")) {
        throw new AppError("BAD_REQUEST", "send the escalation as JSON with Content-Type: application/json", [
          { path: "(body)", message: "Content-Type must be application/json" },
        ]);
      }
      const input = await jsonBody(c, escalationInputSchema);
      const { created, ...received } = receiveEscalation(deps, c.var.system.id, input);
      return c.json(received, created ? 201 : 200);
    })
    .get("/", requireApiKey(deps, "readDecisions"), async (c) => {
      const { externalId, wait } = parseOr400(escalationLookupSchema, { externalId: c.req.query("externalId"), wait: c.req.query("wait") });
      return c.json(await readEscalation(deps, c.var.system.id, { externalId }, wait, c.req.raw.signal));
    })
    .get("/:id", requireApiKey(deps, "readDecisions"), async (c) => {
      const { wait } = parseOr400(escalationWaitSchema, { wait: c.req.query("wait") });
      return c.json(await readEscalation(deps, c.var.system.id, { id: c.req.param("id") }, wait, c.req.raw.signal));
    });
}

import { Hono } from "hono";
import { escalationInputSchema, escalationLookupSchema } from "@countersign/shared/escalation";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { jsonBody, limitBody, parseOr400, requireApiKey, type RestEnv } from "../../lib/rest";
import { recordDecisionFetched } from "./decision-fetched";
import { receiveEscalation } from "./receive";
import { findForSystem } from "./resource";

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
    .get("/", requireApiKey(deps, "readDecisions"), (c) => {
      const { externalId } = parseOr400(escalationLookupSchema, { externalId: c.req.query("externalId") });
      return c.json(readEscalation(deps, c.var.system.id, { externalId }));
    })
    .get("/:id", requireApiKey(deps, "readDecisions"), (c) => c.json(readEscalation(deps, c.var.system.id, { id: c.req.param("id") })));
}

/** The escalation as the AI system reads it; the first read of a decision is recorded. */
function readEscalation(deps: Deps, systemId: string, by: { id: string } | { externalId: string }) {
  const resource = findForSystem(deps.db, systemId, by);
  if (resource.decision) recordDecisionFetched(deps, systemId, resource.id);
  return resource;
}

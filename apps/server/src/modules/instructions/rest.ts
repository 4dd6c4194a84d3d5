import { Hono } from "hono";
import type { Deps } from "../../lib/context";
import { requireApiKey, type RestEnv } from "../../lib/rest";
import { ownInstructions } from "./read";

/** REST for AI systems: the instructions for use in force for the calling system. */
export function instructionsRoutes(deps: Deps) {
  return new Hono<RestEnv>().get("/", requireApiKey(deps, "readOwnInstructionsForUse"), async (c) => c.json(await ownInstructions(deps.db, c.var.system.id)));
}

import { Hono } from "hono";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { requireApiKey, type RestEnv } from "../../lib/rest";
import { stopStateReader } from "./stop-state";

/** REST for AI systems: has a human pressed stop? Cheap enough to poll every second. */
export function systemRoutes(deps: Deps) {
  const stopState = stopStateReader(deps.db);
  return new Hono<RestEnv>().get("/", requireApiKey(deps, "readStopState"), (c) => {
    const state = stopState(c.var.system.id);
    if (!state) throw new AppError("NOT_FOUND", "the AI system of this key no longer exists");
    c.header("Cache-Control", "no-store");
    return c.json(state);
  });
}

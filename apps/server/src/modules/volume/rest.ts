import { Hono } from "hono";
import { volumeInputSchema } from "@countersign/shared/operations";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { jsonBody, limitBody, requireApiKey, type RestEnv } from "../../lib/rest";
import { evaluateDrift } from "../metrics/drift";
import { reportVolume } from "./report-volume";

/** REST for AI systems: report how many outputs were produced, so the verification rate can be measured. */
export function volumeRoutes(deps: Deps) {
  return new Hono<RestEnv>().post("/", requireApiKey(deps, "reportVolume"), limitBody, async (c) => {
    if (!(c.req.header("content-type") ?? "").toLowerCase().includes("application/json")) {
      throw new AppError("BAD_REQUEST", "send the volume report as JSON with Content-Type: application/json", [
        { path: "(body)", message: "Content-Type must be application/json" },
      ]);
    }
    const input = await jsonBody(c, volumeInputSchema);
    const { created, ...report } = await reportVolume(deps, c.var.system.id, input);
    // New volume can move the rolling rate: check for drift in the same request.
    await evaluateDrift(deps, c.var.system.id);
    return c.json(report, created ? 201 : 200);
  });
}

import { Hono } from "hono";
import { incidentInputSchema } from "@countersign/shared/incidents";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { parseOr400, requireSession, type SessionEnv } from "../../lib/rest";
import { crossOriginReason } from "../../lib/same-origin";
import { incidentPack } from "./pack";

/**
 * GET /exports/incident-pack?incident=ID — an incident's signed pack for the provider, for the
 * workbench session of a lead, auditor or admin (a browser download cannot carry tRPC).
 */
export function incidentPackRoutes(deps: Deps, publicOrigin?: string) {
  return new Hono<SessionEnv>().get("/incident-pack", requireSession(deps, "exportIncidentPacks"), async (c) => {
    // Every export is an audit entry: no other site or origin may trigger one with a link.
    const crossOrigin = crossOriginReason(c, publicOrigin);
    if (crossOrigin) throw new AppError("FORBIDDEN", `${crossOrigin}: start the export from the Countersign workbench itself`);
    const { incidentId } = parseOr400(incidentInputSchema, { incidentId: c.req.query("incident") });
    const { filename, archive } = await incidentPack(deps, c.var.user, incidentId);
    return new Response(new Uint8Array(archive), {
      headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  });
}

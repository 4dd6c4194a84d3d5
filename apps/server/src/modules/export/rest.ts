import { Readable } from "node:stream";
import { Hono } from "hono";
import { proofPackQuerySchema } from "@countersign/shared/proof";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { parseOr400, requireSession, type SessionEnv } from "../../lib/rest";
import { crossOriginReason } from "../../lib/same-origin";
import { proofPack } from "./proof-pack";

/**
 * GET /exports/proof-pack?system=SLUG&from=ISO&to=ISO — the proof pack as a zip download, for
 * the workbench session of an auditor, lead or admin (a browser download cannot carry tRPC).
 */
export function exportRoutes(deps: Deps, publicOrigin?: string) {
  return new Hono<SessionEnv>().get("/proof-pack", requireSession(deps, "exportProofPacks"), async (c) => {
    // Every export is an audit entry: another site — or another origin of the same site — must
    // not be able to trigger one with a link (the SameSite=Lax cookie rides along on navigations).
    const crossOrigin = crossOriginReason(c, publicOrigin);
    if (crossOrigin) throw new AppError("FORBIDDEN", `${crossOrigin}: start the export from the Countersign workbench itself`);
    const user = c.var.user;
    const query = parseOr400(proofPackQuerySchema, { system: c.req.query("system"), from: c.req.query("from"), to: c.req.query("to") });
    const { filename, stream } = await proofPack(deps, user, query);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  });
}

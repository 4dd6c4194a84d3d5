import { Hono } from "hono";
import { z } from "zod";
import { escalationByIdSchema, escalationInputSchema, escalationLookupSchema } from "@countersign/shared/escalation";
import { escalationBatchEnvelopeSchema } from "@countersign/shared/rest-api";
import { traceparentSchema } from "@countersign/shared/tracing";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { jsonBody, limitBodyTo, limitEscalationBody, parseOr400, requireApiKey, restError, type RestEnv } from "../../lib/rest";
import { readEscalation } from "./read";
import { receiveEscalationTogether } from "./receive-together";
import { receiveBatch } from "./receive-batch";

/** A batch carries up to 500 escalations, so it may be larger than one: 16 MiB. */
export const maxBatchBodyBytes = 16 * 1024 * 1024;
const limitBatchBody = limitBodyTo(maxBatchBodyBytes, (c) =>
  restError(c, new AppError("PAYLOAD_TOO_LARGE", `a batch body must be at most ${maxBatchBodyBytes} bytes (16 MiB)`)),
);

/** REST for AI systems: hand an output to humans, and read the decision back. */
export function escalationRoutes(deps: Deps) {
  return new Hono<RestEnv>()
    .post("/", requireApiKey(deps, "submitEscalations"), limitEscalationBody, async (c) => {
      requireJson(c.req.header("content-type"), "escalation");
      const input = await jsonBody(c, escalationInputSchema);
      const traceparent = traceparentOf(c.req.header("traceparent"));
      // The key is verified once more inside the transaction that stores the escalation.
      const { created, ...received } = await receiveEscalationTogether(deps, c.var.system.id, input, { traceparent }, c.var.system.keyId).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.code === "UNAUTHORIZED") c.header("WWW-Authenticate", 'Bearer realm="countersign"');
          throw error;
        },
      );
      return c.json(received, created ? 201 : 200);
    })
    .post("/batch", requireApiKey(deps, "submitEscalations"), limitBatchBody, async (c) => {
      requireJson(c.req.header("content-type"), "batch");
      const { items } = await jsonBody(c, escalationBatchEnvelopeSchema);
      return c.json(await receiveBatch(deps, c.var.system.id, items), 200);
    })
    .get("/", requireApiKey(deps, "readDecisions"), async (c) => {
      const { externalId, wait } = parseOr400(escalationLookupSchema, { externalId: c.req.query("externalId"), wait: c.req.query("wait") });
      return c.json(await readEscalation(deps, c.var.system.id, { externalId }, wait, c.req.raw.signal));
    })
    .get("/:id", requireApiKey(deps, "readDecisions"), async (c) => {
      const { id, wait } = parseOr400(escalationByIdSchema, { id: c.req.param("id"), wait: c.req.query("wait") });
      return c.json(await readEscalation(deps, c.var.system.id, { id }, wait, c.req.raw.signal));
    });
}

function requireJson(contentType: string | undefined, what: string) {
  if (!(contentType ?? "").toLowerCase().includes("application/json")) {
    throw new AppError("BAD_REQUEST", `send the ${what} as JSON with Content-Type: application/json`, [
      { path: "(body)", message: "Content-Type must be application/json" },
    ]);
  }
}

/** The W3C traceparent header, when sent, must be well formed: a broken one is refused, not dropped. */
function traceparentOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return parseOr400(z.object({ traceparent: traceparentSchema }), { traceparent: header.trim() }).traceparent;
}

import type { MiddlewareHandler } from "hono";
import { currentRequestId } from "./logger";

// Fatal: a lenient decoder (what tRPC's adapter uses) turns bytes that are not UTF-8 into U+FFFD,
// which would then be stored as if the client had sent it.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Refuses a tRPC request body that is not UTF-8, in tRPC's error shape, so no procedure ever
 * sees text the client did not send. Reads the body through Hono's cache, which the tRPC
 * adapter reads from next; so it must run after any body-size limit, never before.
 */
export const refuseBodiesNotUtf8: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    try {
      utf8.decode(await c.req.arrayBuffer());
    } catch {
      const message = "the request body is not valid UTF-8";
      return c.json(
        { error: { message, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, issues: [{ path: "(body)", message: "not valid UTF-8" }], requestId: currentRequestId() } } },
        400,
      );
    }
  }
  await next();
};

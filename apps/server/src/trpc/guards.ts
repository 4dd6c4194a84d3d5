import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Deps } from "../lib/context";
import { httpStatus, type AppErrorCode } from "../lib/errors";
import { currentRequestId } from "../lib/logger";
import { maxBodyBytes } from "../lib/rest";
import { crossOriginReason } from "../lib/same-origin";
import { sessionUserOf } from "./context";

/** A body without a signed-in session (sign-in, mostly) is small: an email and a password. */
export const anonymousMaxBodyBytes = 16 * 1024;

/** A refusal before tRPC runs, in tRPC's own error shape, so the workbench's client reads it like any other. */
export function trpcRefusal(c: Context, code: AppErrorCode, message: string) {
  if (code === "PAYLOAD_TOO_LARGE") c.header("Connection", "close");
  return c.json(
    { error: { code: TRPC_ERROR_CODES_BY_KEY[code], message, data: { code, httpStatus: httpStatus[code], issues: [], requestId: currentRequestId() } } },
    httpStatus[code],
  );
}

/**
 * Every tRPC mutation comes from the workbench's own origin and is JSON: a form on another site
 * can post `multipart/form-data` or `text/plain` without a preflight, but not `application/json`.
 */
export function workbenchMutationsOnly(publicOrigin: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const crossOrigin = crossOriginReason(c, publicOrigin);
    if (crossOrigin) return trpcRefusal(c, "FORBIDDEN", `${crossOrigin}: changes are accepted only from the workbench`);
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType !== "application/json") {
      return trpcRefusal(c, "UNSUPPORTED_MEDIA_TYPE", `the request body must be JSON (Content-Type: application/json), not ${mediaType || "untyped"}`);
    }
    return next();
  };
}

/**
 * Limits the body before it is read, with or without Content-Length (chunked bodies are counted
 * as they arrive): 1 MiB for a signed-in session, 16 KiB for anyone else and for sign-in itself.
 */
export function trpcBodyLimit(deps: Deps): MiddlewareHandler {
  const limited = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => trpcRefusal(c, "PAYLOAD_TOO_LARGE", `the request body must be at most ${maxSize / 1024} KiB`),
    });
  const signedIn = limited(maxBodyBytes);
  const anonymous = limited(anonymousMaxBodyBytes);
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const anonymousCall = c.req.path.includes("auth.signIn") || !await sessionUserOf(deps, c.req.header("cookie"));
    return (anonymousCall ? anonymous : signedIn)(c, next);
  };
}

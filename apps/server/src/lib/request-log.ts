import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { inRequestScope, type Logger } from "./logger";
import { httpRequestDuration } from "./metrics";

export const requestIdHeader = "X-Request-Id";

// An id a proxy or client sent is kept when it is short and plain; anything else could forge log lines or bloat them.
const acceptableRequestId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Probes that a load balancer and Prometheus call every few seconds: logged only at debug. */
const probes = new Set(["/healthz", "/readyz", "/metrics"]);

/**
 * Gives every request an id (the caller's X-Request-Id when sane, else a new UUID), runs the
 * request in its scope (so every log line and error body carries it), returns it in the
 * X-Request-Id header, writes one access line and observes the latency histogram.
 * The line holds the method, the route pattern, status and time: never the raw path or query
 * (an externalId there may be personal data), headers or body.
 */
export function requestLog(logger: Logger, routeLabel: (c: Context) => string = routePath): MiddlewareHandler {
  // The access line holds only the fields written below, none of them a secret: it skips the
  // logger's redaction, which walked each line for the secret paths and cost two thirds of
  // writing it. Every other line keeps it. (A child takes the logger's level when made: main.ts
  // sets the level before it builds the app.)
  const access = logger.child({}, { redact: [] });
  return async (c, next) => {
    const incoming = c.req.header(requestIdHeader);
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    await inRequestScope(requestId, async () => {
      const started = performance.now();
      await next();
      const seconds = (performance.now() - started) / 1000;
      c.res.headers.set(requestIdHeader, requestId);
      const route = routeLabel(c) || "(none)";
      const status = c.res.status;
      httpRequestDuration.observe({ method: c.req.method, route, status: String(status) }, seconds);
      const line = { method: c.req.method, route, status, ms: Math.round(seconds * 10_000) / 10 };
      if (probes.has(c.req.path) && status < 500) access.debug(line, "request");
      else access.info(line, "request");
    });
  };
}

import type { MiddlewareHandler } from "hono";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { isLimitReached, retryAfterSeconds, waitInWords, type LimiterStore } from "../../lib/rate-limits";
import { bearerKey, restError, type RestEnv } from "../../lib/rest";
import { systemForApiKey, systemForKeyVerifiedInWrite } from "./api-keys";

/** The stop-state poll has an allowance of its own, so a busy intake never hides a stop from the system. */
export const stopPollsPerSecond = 5;

/**
 * Per API key: at most the AI system's `apiRequestsPerMinute` REST requests a minute (429 with
 * Retry-After beyond it), and GET /api/v1/system up to five times a second on top. Requests
 * without a valid key pass to the route, which answers 401.
 */
export function apiKeyRateLimit(deps: Deps, store: LimiterStore): MiddlewareHandler<RestEnv> {
  const perMinute = new Map<number, RateLimiterAbstract>();
  const limiterFor = (points: number) => {
    let limiter = perMinute.get(points);
    if (!limiter) perMinute.set(points, (limiter = store({ keyPrefix: `api_key_${points}_per_minute`, points, duration: 60 })));
    return limiter;
  };
  const stopPolls = store({ keyPrefix: "api_key_stop_polls", points: stopPollsPerSecond, duration: 1 });

  return async (c, next) => {
    // The single-escalation intake verifies its key again inside the write that stores the
    // escalation (receive-together.ts), so it may start from a key verified seconds ago.
    const intake = c.req.method === "POST" && c.req.path === "/api/v1/escalations";
    const system = await (intake ? systemForKeyVerifiedInWrite : systemForApiKey)(deps, bearerKey(c));
    if (!system) return next();
    c.set("system", system);
    const stopPoll = c.req.method === "GET" && c.req.path.replace(/\/+$/, "") === "/api/v1/system";
    const limiter = stopPoll ? stopPolls : limiterFor(system.requestsPerMinute);
    try {
      await limiter.consume(system.keyId);
    } catch (outcome) {
      if (!isLimitReached(outcome)) throw outcome;
      const seconds = retryAfterSeconds(outcome.msBeforeNext);
      const allowance = stopPoll ? `${stopPollsPerSecond} stop-state polls per second` : `${system.requestsPerMinute} requests per minute (the AI system's setting)`;
      return restError(c, new AppError("TOO_MANY_REQUESTS", `this API key may make ${allowance}; try again in ${waitInWords(seconds)}`, [], seconds));
    }
    await next();
  };
}

import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { Registry } from "prom-client";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { processMetrics } from "../../lib/metrics";
import { bearerKey, openTo, restError } from "../../lib/rest";
import { auditMetrics } from "../audit/metrics";
import { verificationRateMetrics } from "../metrics/scrape";
import { queueMetrics } from "../queue/metrics";
import { webhookMetrics } from "../webhooks/metrics";

/**
 * The figures read from the database when Prometheus scrapes, one collector per module. Each
 * registers its gauges on the registry with a collect() that reads the database.
 */
const collectors: ((registry: Registry, deps: Deps) => void)[] = [queueMetrics, verificationRateMetrics, auditMetrics, webhookMetrics];

function scrapeRegistry(deps: Deps): Registry {
  const registry = new Registry();
  for (const collect of collectors) collect(registry, deps);
  return registry;
}

// Digests of equal length, so the comparison takes the same time whatever the token's length or content.
const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request's bearer token is the metrics token, compared in constant time. */
export function metricsTokenMatches(presented: string | undefined, token: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/**
 * `GET /metrics` in Prometheus' text format. With COUNTERSIGN_METRICS_TOKEN set, only for
 * `Authorization: Bearer <token>`; unset, open to anyone who can reach the port (README: bind to
 * localhost or set a token).
 */
export function metricsRoutes(deps: Deps, token: string | undefined) {
  const fromDatabase = scrapeRegistry(deps);
  const routes = new Hono();
  routes.get("/", openTo("scrapeMetrics"), async (c) => {
    if (token !== undefined && !metricsTokenMatches(bearerKey(c), token)) {
      c.header("WWW-Authenticate", 'Bearer realm="countersign-metrics"');
      return restError(c, new AppError("UNAUTHORIZED", "send the metrics token (COUNTERSIGN_METRICS_TOKEN) as Authorization: Bearer <token>"));
    }
    // Merged per scrape, so a counter a module registers later is never missed.
    const registry = Registry.merge([processMetrics, fromDatabase]);
    return c.body(await registry.metrics(), 200, { "Content-Type": registry.contentType });
  });
  return routes;
}

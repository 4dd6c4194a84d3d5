import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

/*
 * The one place Prometheus metrics live. Two kinds:
 * - what code counts as it happens (counters, histograms): registered here, in `processMetrics`,
 *   by the module that counts it (e.g. decisions by outcome in modules/reviews/metrics.ts);
 * - what is read from the database when Prometheus scrapes (queue depth, audit lag, rates):
 *   each module exports a collector, and modules/operations/metrics.ts lists them.
 */

/** Counters and histograms of this process; they start at zero with it, as Prometheus counters do. */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics });

/** Latency by route pattern (never the raw path: ids would make a series per escalation), method and status. */
export const httpRequestDuration = new Histogram({
  name: "countersign_http_request_duration_seconds",
  help: "HTTP request latency by route pattern, method and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processMetrics],
});

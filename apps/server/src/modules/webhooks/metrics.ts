import { Counter, Gauge, type Registry } from "prom-client";
import type { Deps } from "../../lib/context";
import { processMetrics } from "../../lib/metrics";
import { statement } from "../../lib/prepared";

const attempts = new Counter({
  name: "countersign_webhook_attempts_total",
  help: "Webhook requests sent since the server started, by event type and result (delivered: a 2xx; failed: any other answer or none)",
  labelNames: ["event", "result"] as const,
  registers: [processMetrics],
});

/** Called once an attempt's outcome has committed. */
export function countWebhookAttempt(eventType: string, delivered: boolean) {
  attempts.inc({ event: eventType, result: delivered ? "delivered" : "failed" });
}

/**
 * Webhook deliveries by state and endpoints disabled, read when Prometheus scrapes: alert on
 * pending growing (receivers down) or on any failed delivery (retries given up after 3 days).
 */
export function webhookMetrics(registry: Registry, deps: Deps) {
  new Gauge({
    name: "countersign_webhook_deliveries",
    help: "Webhook deliveries by status: pending (to be sent or retried), delivered, failed (given up), cancelled (endpoint deleted)",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      const rows = await statement(deps.db, "SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY status").all<{ status: string; n: number }>();
      this.reset();
      for (const { status, n } of rows) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "countersign_webhook_endpoints_disabled",
    help: "Webhook endpoints disabled (410 Gone, or failing for days) and not deleted",
    registers: [registry],
    async collect() {
      this.set((await statement(deps.db, "SELECT count(*) FROM webhook_endpoints WHERE disabled_at IS NOT NULL AND deleted_at IS NULL").value<number>())!);
    },
  });
}

import { Gauge, type Registry } from "prom-client";
import type { Deps } from "../../lib/context";

/**
 * The audit log's size and how far signing lags behind it, read when Prometheus scrapes: each a
 * probe at the end of a primary key. Alert on the unsigned entries or the checkpoint's age
 * growing past COUNTERSIGN_CHECKPOINT_ENTRIES / _MINUTES: without a witness, that tail could be
 * removed unnoticed.
 */
export function auditMetrics(registry: Registry, deps: Deps) {
  const client = deps.db.$client;
  const head = () => (client.prepare("SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1").pluck().get() as number | undefined) ?? 0;
  const lastCheckpoint = () => client.prepare("SELECT size, at FROM checkpoints ORDER BY seq DESC LIMIT 1").get() as { size: number; at: string } | undefined;
  new Gauge({
    name: "countersign_audit_entries",
    help: "Entries in the append-only audit log",
    registers: [registry],
    collect() {
      this.set(head());
    },
  });
  new Gauge({
    name: "countersign_audit_unsigned_entries",
    help: "Audit entries after the last signed checkpoint (not yet covered by a signature)",
    registers: [registry],
    collect() {
      this.set(head() - (lastCheckpoint()?.size ?? 0));
    },
  });
  new Gauge({
    name: "countersign_audit_checkpoint_age_seconds",
    help: "Seconds since the last signed checkpoint (absent before the first)",
    registers: [registry],
    collect() {
      this.reset();
      const last = lastCheckpoint();
      if (last) this.set(Math.max(0, (deps.now() - Date.parse(last.at)) / 1000));
    },
  });
}

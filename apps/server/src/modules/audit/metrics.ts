import { Gauge, type Registry } from "prom-client";
import type { Deps } from "../../lib/context";
import { statement } from "../../lib/prepared";

/**
 * The audit log's size and how far signing lags behind it, read when Prometheus scrapes: each a
 * probe at the end of a primary key. Alert on the unsigned entries or the checkpoint's age
 * growing past COUNTERSIGN_CHECKPOINT_ENTRIES / _MINUTES: without a witness, that tail could be
 * removed unnoticed.
 */
export function auditMetrics(registry: Registry, deps: Deps) {
  const head = async () => (await statement(deps.db, "SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1").value<number>()) ?? 0;
  const lastCheckpoint = () => statement(deps.db, "SELECT size, at FROM checkpoints ORDER BY seq DESC LIMIT 1").get<{ size: number; at: string }>();
  new Gauge({
    name: "countersign_audit_entries",
    help: "Entries in the append-only audit log",
    registers: [registry],
    async collect() {
      this.set(await head());
    },
  });
  new Gauge({
    name: "countersign_audit_unsigned_entries",
    help: "Audit entries after the last signed checkpoint (not yet covered by a signature)",
    registers: [registry],
    async collect() {
      this.set((await head()) - ((await lastCheckpoint())?.size ?? 0));
    },
  });
  new Gauge({
    name: "countersign_audit_checkpoint_age_seconds",
    help: "Seconds since the last signed checkpoint (absent before the first)",
    registers: [registry],
    async collect() {
      const last = await lastCheckpoint();
      this.reset();
      if (last) this.set(Math.max(0, (deps.now() - Date.parse(last.at)) / 1000));
    },
  });
}

import { Gauge, type Registry } from "prom-client";
import type { Deps } from "../../lib/context";
import { periodsStartingIn, rateOver } from "./reported-periods";
import { resolveWindow } from "./window";

type SystemRate = { system: string; received: number; reported: number; rate: number | null; exceedsReported: boolean };

/**
 * The verification rate per AI system as the systems page shows it: the same window (periods
 * starting in the last 30 days) and the one definition (figures.verificationRate, via rateOver).
 * One indexed count per reported period, read when Prometheus scrapes.
 */
export function verificationRateMetrics(registry: Registry, deps: Deps) {
  const read = (): SystemRate[] => {
    const window = resolveWindow(deps.now(), { granularity: "day" });
    const systems = deps.db.$client.prepare("SELECT id, slug FROM ai_systems ORDER BY slug").all() as { id: string; slug: string }[];
    return systems.map(({ id, slug }) => {
      const { rate } = rateOver(deps.db, periodsStartingIn(id, window.from, window.to));
      return { system: slug, received: rate.received, reported: rate.reported, rate: rate.rate, exceedsReported: rate.exceedsReported };
    });
  };
  let cached: { at: number; rows: SystemRate[] } | null = null;
  const readRows = () => (cached = { at: performance.now(), rows: read() }).rows;
  const rowsOfThisScrape = () => (cached && performance.now() - cached.at < 1000 ? cached.rows : readRows());
  new Gauge({
    name: "countersign_verification_rate",
    help: "Escalations received ÷ AI outputs reported, periods starting in the last 30 days (as the systems page shows it); absent without volume or on a layer conflict",
    labelNames: ["system"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const row of readRows()) if (row.rate !== null) this.set({ system: row.system }, row.rate);
    },
  });
  new Gauge({
    name: "countersign_verification_rate_layer_conflict",
    help: "1 when more escalations arrived than the AI system reported outputs for the same periods (no rate can be given), else 0",
    labelNames: ["system"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const row of rowsOfThisScrape()) this.set({ system: row.system }, row.exceedsReported ? 1 : 0);
    },
  });
}

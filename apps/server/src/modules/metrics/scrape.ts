import { Gauge, type Registry } from "prom-client";
import type { Deps } from "../../lib/context";
import { periodsStartingIn, rateOver } from "./reported-periods";
import { resolveWindow } from "./window";
import { inOrder } from "../../lib/in-order";
import { statement } from "../../lib/prepared";

type SystemRate = { system: string; received: number; reported: number; rate: number | null; exceedsReported: boolean };

/**
 * The verification rate per AI system as the systems page shows it: the same window (periods
 * starting in the last 30 days) and the one definition (figures.verificationRate, via rateOver).
 * One indexed count per reported period, read when Prometheus scrapes.
 */
export function verificationRateMetrics(registry: Registry, deps: Deps) {
  const read = async (): Promise<SystemRate[]> => {
    const window = resolveWindow(deps.now(), { granularity: "day" });
    const systems = await statement(deps.db, "SELECT id, slug FROM ai_systems ORDER BY slug").all<{ id: string; slug: string }>();
    return await inOrder(systems, async ({ id, slug }) => {
          const { rate } = await rateOver(deps.db, periodsStartingIn(id, window.from, window.to));
          return { system: slug, received: rate.received, reported: rate.reported, rate: rate.rate, exceedsReported: rate.exceedsReported };
        });
  };
  let cached: { at: number; rows: SystemRate[] } | null = null;
  const readRows = async () => (cached = { at: performance.now(), rows: await read() }).rows;
  const rowsOfThisScrape = async () => (cached && performance.now() - cached.at < 1000 ? cached.rows : await readRows());
  new Gauge({
    name: "countersign_verification_rate",
    help: "Escalations received ÷ AI outputs reported, periods starting in the last 30 days (as the systems page shows it); absent without volume or on a layer conflict",
    labelNames: ["system"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await readRows()) if (row.rate !== null) this.set({ system: row.system }, row.rate);
    },
  });
  new Gauge({
    name: "countersign_verification_rate_layer_conflict",
    help: "1 when more escalations arrived than the AI system reported outputs for the same periods (no rate can be given), else 0",
    labelNames: ["system"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await rowsOfThisScrape()) this.set({ system: row.system }, row.exceedsReported ? 1 : 0);
    },
  });
}

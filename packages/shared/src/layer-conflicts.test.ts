import { describe, expect, it } from "vitest";
import { layerConflicts, type LayerFigures } from "./layer-conflicts";

const calm: LayerFigures = {
  oversightMode: "HOTL",
  assumedRate: 0.1,
  escalationsReceived: 12,
  volume: null,
  measuredRate: 0.1,
  costAtMeasuredRate: 1.1,
  manualCostPerItem: 6,
  currency: "EUR",
};

describe("layer conflicts", () => {
  it("finds none when the mode, the business case and production agree", () => {
    expect(layerConflicts(calm)).toEqual([]);
  });

  it("flags a HITL system whose business case assumes less than 100% review", () => {
    const [conflict] = layerConflicts({ ...calm, oversightMode: "HITL" });
    expect(conflict?.code).toBe("hitl_assumes_sampling");
    expect(conflict?.message).toMatch(/assumes only 10% are/);
  });

  it("flags a HIC system that receives escalations, and not one that receives none", () => {
    expect(layerConflicts({ ...calm, oversightMode: "HIC" }).map((c) => c.code)).toEqual(["hic_receives_escalations"]);
    expect(layerConflicts({ ...calm, oversightMode: "HIC", escalationsReceived: 0 })).toEqual([]);
  });

  it("flags a measured cost above the manual cost, with both amounts", () => {
    const [conflict] = layerConflicts({ ...calm, measuredRate: 1, costAtMeasuredRate: 6.5 });
    expect(conflict?.code).toBe("cost_above_manual");
    expect(conflict?.message).toContain("€6.50");
    expect(conflict?.message).toContain("€6.00");
    expect(conflict?.message).toContain("100%");
  });
});

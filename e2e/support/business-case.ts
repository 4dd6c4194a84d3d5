import type { APIRequestContext } from "@playwright/test";
import { signedInApi, trpcMutation } from "./api";

const hour = 3_600_000;
const day = 24 * hour;

/**
 * The business case from the reference, set by the admin: manual €6.00, AI €0.50, a review
 * €6.00, assumed 10% ± 5%, and a small minimum sample so a test can raise drift with 20 outputs.
 * Live for 40 days, so the go-live and day-30 readiness reviews are overdue.
 */
export async function setTestBusinessCase(systemId: string, overrides: Record<string, unknown> = {}) {
  const admin = await signedInApi("admin@demo.local");
  await trpcMutation(admin, "systems.setBusinessCase", {
    systemId,
    businessCase: {
      currency: "EUR",
      manualCostPerItem: 6,
      aiCostPerItem: 0.5,
      reviewCost: { kind: "per_item", amount: 6 },
      assumedVerificationRate: 0.1,
      tolerance: 0.05,
      goldShare: 0,
      driftWindowHours: 24,
      driftMinSample: 10,
      ...overrides,
    },
    liveSince: new Date(Date.now() - 40 * day).toISOString(),
  });
  await admin.dispose();
}

/**
 * Reports the AI system's volume for a period that covers the escalations just posted:
 * from two hours ago to a minute from now (escalations count by the time they were received).
 */
export async function reportVolumeCoveringNow(machine: APIRequestContext, total: number) {
  const now = Date.now();
  const res = await machine.post("/api/v1/volume", {
    data: { periodStart: new Date(now - 2 * hour).toISOString(), periodEnd: new Date(now + 60_000).toISOString(), total },
  });
  if (res.status() !== 201) throw new Error(`volume report refused: ${res.status()} ${await res.text()}`);
  return res.json();
}

import { desc, eq } from "drizzle-orm";
import { businessCaseHolds } from "@countersign/shared/figures";
import { readinessReviews } from "../../db/schema/metrics";
import type { Deps } from "../../lib/context";
import { driftAlertsOf } from "../metrics/alerts";
import { conflictsOf } from "../metrics/conflicts";
import { costFigures } from "../metrics/cost";
import { resolveWindow } from "../metrics/window";
import { systemById } from "../systems/queries";
import { userNames } from "../users/queries";
import { reviewCadence } from "./cadence";
import { evidenceShare, lastStopTest, ownerOf, policyRules, trailRetrieval, whoMayStop } from "./facts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The readiness review's page: one question per layer of the operating model, each answered
 * with live figures. Strategy and process figures cover the last 30 days.
 */
export async function readinessOverview(deps: Deps, systemId: string) {
  const now = deps.now();
  const system = await systemById(deps.db, systemId);
  const window = resolveWindow(now, { granularity: "day" });
  const cost = await costFigures(deps.db, system, window);
  const reviews = await deps.db
    .select()
    .from(readinessReviews)
    .where(eq(readinessReviews.systemId, system.id))
    .orderBy(desc(readinessReviews.recordedAt))
    .all();
  const last = reviews[0];
  const owner = await ownerOf(deps.db, system.id);
  const lastAlert = (await driftAlertsOf(deps.db, system.id, 1))[0] ?? null;
  const check = cost
    ? businessCaseHolds({
        rate: cost.verificationRate,
        assumedRate: cost.assumedRate,
        tolerance: cost.tolerance,
        costAtMeasuredRate: cost.costAtMeasuredRate,
        manualCostPerItem: cost.manualCostPerItem,
        openDriftAlertSince: lastAlert?.open ? lastAlert.raisedAt : null,
      })
    : null;
  const evidence = await evidenceShare(deps.db, system.id, window);

  return {
    system: {
      id: system.id,
      slug: system.slug,
      name: system.name,
      oversightMode: system.oversightMode,
      state: system.state,
      liveSince: iso(system.liveSince),
    },
    window: { from: iso(window.from)!, to: iso(window.to)! },
    strategy: {
      question: "Does the business case still hold in production?",
      businessCase: system.businessCase !== null,
      currency: cost?.currency ?? null,
      assumedRate: cost?.assumedRate ?? null,
      tolerance: cost?.tolerance ?? null,
      measuredRate: cost?.measuredRate ?? null,
      interval: cost?.interval ?? null,
      reportedTotal: cost?.total ?? 0,
      received: cost?.received ?? 0,
      /** More escalations received than outputs reported: a layer conflict, not a rate. */
      exceedsReported: cost?.exceedsReported ?? false,
      costAtAssumedRate: cost?.costAtAssumedRate ?? null,
      costAtMeasuredRate: cost?.costAtMeasuredRate ?? null,
      manualCostPerItem: cost?.manualCostPerItem ?? null,
      breakEvenRate: cost?.breakEvenRate ?? null,
      /** figures.businessCaseHolds: within tolerance, not above manual cost, and no drift alert open; null when unknown. */
      holds: check?.holds ?? null,
      /** Why it does not hold, or why it cannot be told. */
      holdsReasons: check?.reasons ?? [],
    },
    governance: {
      question: "Is the review policy enforced as written?",
      rules: policyRules(system.policy),
    },
    process: {
      question: "Does oversight run as designed, with context for the reviewer?",
      oversightMode: system.oversightMode,
      escalations: evidence.escalations,
      withEvidence: evidence.withEvidence,
      evidenceShare: evidence.share,
    },
    architecture: {
      question: "Can we see drift, trace any output, and stop the system?",
      driftDetection: system.businessCase
        ? { enabled: true, windowHours: system.businessCase.driftWindowHours, minSample: system.businessCase.driftMinSample, lastAlert }
        : { enabled: false, windowHours: null, minSample: null, lastAlert },
      trailRetrieval: await trailRetrieval(deps, system.id),
      lastStopTest: await lastStopTest(deps.db, system.id),
    },
    operatingModel: {
      question: "Who answers for this system, and when was it last reviewed?",
      owner,
      ownerNote: owner ? null : "no owner named",
      whoMayStop: await whoMayStop(deps.db, system.id, now),
      lastReview: last
        ? {
            id: last.id,
            milestone: last.milestone,
            verdict: last.verdict,
            recordedAt: iso(last.recordedAt)!,
            recordedBy: (await userNames(deps.db, [last.recordedBy])).get(last.recordedBy) ?? last.recordedBy,
          }
        : null,
      cadence: reviewCadence(system.liveSince, reviews, now),
    },
    conflicts: await conflictsOf(deps.db, system, window),
  };
}

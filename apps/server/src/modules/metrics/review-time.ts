import { quantileRank } from "@countersign/shared/figures";
import type { Db } from "../../db/client";
import { escalationsInWindow, kthActiveSeconds } from "../tallies/escalation-read";
import type { Window } from "./window";

/**
 * The median active seconds reviewers spent on this system's escalations received in the
 * window: the real review time that an hourly reviewer rate turns into a cost per review.
 * The median, not the mean, so one review left open over lunch does not move it; picked as
 * figures.quantileRank picks it everywhere else. Read from the daily tallies (escalation_tallies).
 */
export async function medianActiveSeconds(db: Db, systemId: string, window: Window): Promise<{ median: number | null; decisions: number }> {
  const histogram = new Map<number, number>();
  let decisions = 0;
  for (const counts of await escalationsInWindow(db, { ...window, systemId })) {
    decisions += counts.verifications;
    for (const [seconds, n] of counts.activeSeconds) histogram.set(seconds, (histogram.get(seconds) ?? 0) + n);
  }
  return { median: kthActiveSeconds(histogram, quantileRank(0.5, decisions)), decisions };
}

import type { RouterOutputs } from "../../../lib/trpc";

export type Dispute = RouterOutputs["reviews"]["disputes"][number];
export type DisputeVerification = Dispute["verifications"][number];

/** Seconds as "42 s" or "3 min 07 s". */
export function secondsText(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, "0")} s`;
}

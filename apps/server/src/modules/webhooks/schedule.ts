/** Retries continue for three days after an event was first sent (or a person asked to send it again). */
export const retryWindowMs = 3 * 86_400_000;
/** An endpoint that has not answered one delivery with a 2xx for this long is disabled. */
export const disableAfterFailingMs = 5 * 86_400_000;
/** After a rotation, the old secret still signs for this long, so receivers can switch without losing a delivery. */
export const secretOverlapMs = 86_400_000;

const firstDelayMs = 10_000;
const maxDelayMs = 6 * 3_600_000;

/**
 * When to try again after `attempts` failed attempts: exponential (10 s, 30 s, 90 s, … tripling,
 * at most 6 h) with equal jitter (half the delay fixed, half random) so receivers coming back from
 * an outage are not hit by every sender at once. The last retry falls on the end of the window;
 * after it, null: give up.
 */
export function nextAttemptAt(now: number, windowStart: number, attempts: number, random: () => number): number | null {
  const windowEnd = windowStart + retryWindowMs;
  if (now >= windowEnd) return null;
  const delay = Math.min(maxDelayMs, firstDelayMs * 3 ** Math.max(0, attempts - 1));
  return Math.min(windowEnd, now + Math.round(delay / 2 + (random() * delay) / 2));
}

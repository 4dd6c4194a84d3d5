import { formatClock, formatExact } from "../../../lib/time";

type Props = { now: number; claimedAt: number; leaseExpiresAt: number; minDwellSeconds: number };

/**
 * When approval becomes possible (a visible countdown from the claim, in server time) and
 * when the lease runs out.
 */
export function ReviewClock({ now, claimedAt, leaseExpiresAt, minDwellSeconds }: Props) {
  const dwellLeftMs = claimedAt + minDwellSeconds * 1000 - now;
  const leaseLeftMs = leaseExpiresAt - now;
  const dwellDone = dwellLeftMs <= 0;
  const progress = minDwellSeconds > 0 ? Math.min(100, Math.max(0, ((now - claimedAt) / (minDwellSeconds * 1000)) * 100)) : 100;
  return (
    <div className="review-clock">
      <div className={dwellDone ? "clock-row is-done" : "clock-row"}>
        <span className="clock-label">Approval</span>
        <span className="clock-value" role="timer" aria-live="off">
          {dwellDone ? "possible now" : `possible in ${formatClock(dwellLeftMs)}`}
        </span>
        <span className="clock-bar" aria-hidden="true">
          <span className="clock-fill" style={{ width: `${progress}%` }} />
        </span>
      </div>
      <div className={leaseLeftMs < 120_000 ? "clock-row is-warning" : "clock-row"}>
        <span className="clock-label">Lease</span>
        <span className="clock-value" title={formatExact(leaseExpiresAt)}>
          {leaseLeftMs > 0 ? `expires in ${formatClock(leaseLeftMs)}` : "expired"}
        </span>
        <span className="clock-exact muted">{formatExact(leaseExpiresAt)}</span>
      </div>
    </div>
  );
}

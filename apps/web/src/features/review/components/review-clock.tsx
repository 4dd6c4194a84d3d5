import { formatClock, formatDateTime, formatDuration } from "@countersign/shared/format";

type Props = {
  now: number;
  /** Active time so far: what the server credited, plus the current stretch while the reviewer is here. */
  activeSeconds: number;
  /** The page is visible and focused, so time counts. */
  here: boolean;
  requiredDwellSeconds: number;
  dwellCapped: boolean;
  maxLeaseMinutes: number;
  leaseExpiresAt: number;
  leaseEndsAtLatest: number;
};

/**
 * When approval becomes possible — a countdown of active review time, which stands still while
 * the page is hidden or another window has the focus — and when the lease runs out, which moves
 * on while the reviewer works, up to the policy's longest lease.
 */
export function ReviewClock({ now, activeSeconds, here, requiredDwellSeconds, dwellCapped, maxLeaseMinutes, leaseExpiresAt, leaseEndsAtLatest }: Props) {
  const dwellLeftMs = (requiredDwellSeconds - activeSeconds) * 1000;
  const leaseLeftMs = leaseExpiresAt - now;
  const dwellDone = dwellLeftMs <= 0;
  const progress = requiredDwellSeconds > 0 ? Math.min(100, Math.max(0, (activeSeconds / requiredDwellSeconds) * 100)) : 100;
  const approval = dwellDone
    ? "possible now"
    : here
      ? `possible after ${formatClock(dwellLeftMs)} more of review`
      : `paused, ${formatClock(dwellLeftMs)} to go`;
  const counting = "Counts only while this page is visible and focused: time in another tab or window does not count.";
  return (
    <div className="review-clock">
      <div className={dwellDone ? "clock-row is-done" : "clock-row"} title={dwellDone ? undefined : counting}>
        <span className="clock-label">Approval</span>
        <span className="clock-value" role="timer" aria-live="off" aria-label="Approval countdown">
          {approval}
        </span>
        <span className="clock-bar" aria-hidden="true">
          <span className="clock-fill" style={{ width: `${progress}%` }} />
        </span>
      </div>
      {/* Said in full only when it matters: paused, or capped; the rest is in the row's tooltip. */}
      {!dwellDone && !here ? <p className="clock-note muted">{counting}</p> : null}
      {dwellCapped ? (
        <p className="clock-note muted">
          This item&apos;s length would ask for more; the minimum is capped at {formatDuration(requiredDwellSeconds)} so it fits the longest lease ({formatDuration(maxLeaseMinutes * 60)}).
        </p>
      ) : null}
      <div className={leaseLeftMs < 120_000 ? "clock-row is-warning" : "clock-row"}>
        <span className="clock-label">Lease</span>
        <span className="clock-value" title={formatDateTime(leaseExpiresAt)}>
          {leaseLeftMs > 0 ? `expires in ${formatClock(leaseLeftMs)}` : "expired"}
        </span>
        <span className="clock-exact muted" title={`Until ${formatDateTime(leaseEndsAtLatest)} at the latest`}>
          extends while you work, up to {formatDuration(Math.round((leaseEndsAtLatest - now) / 1000))} more
        </span>
      </div>
    </div>
  );
}

import { defaultMaxLeaseMinutes, heartbeatGraceSeconds, heartbeatSeconds } from "@countersign/shared/policy";
import { dialectFor, type Dialect } from "../../db/dialect";
import { engineOf } from "../../db/transaction";
import { statement } from "../../lib/prepared";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { heldLease } from "./leases";

export type Heartbeat = { activeSeconds: number; leaseExpiresAt: number; leaseEndsAtLatest: number };

const interval = heartbeatSeconds * 1000;
const grace = heartbeatGraceSeconds * 1000;

// The system's policy, read inside the statement (as the claim does); a stored policy from before
// maxLeaseMinutes gets its default, and the lease never ends before leaseMinutes.
function heartbeatSql(d: Dialect) {
  const policyMinutes = (key: "leaseMinutes" | "maxLeaseMinutes") =>
    `(SELECT ${d.jsonNumber("s.policy", key)} FROM ai_systems s WHERE s.id = escalations.system_id)`;
  const latestEnd = `claimed_at + 60000 * ${d.greatest(policyMinutes("leaseMinutes"), `coalesce(${policyMinutes("maxLeaseMinutes")}, ${defaultMaxLeaseMinutes})`)}`;
  return `
      UPDATE escalations
         SET active_ms = active_ms + CASE WHEN :now - last_heartbeat_at BETWEEN 0 AND ${interval + grace}
                                          THEN ${d.least(":now - last_heartbeat_at", `${interval}`)} ELSE 0 END,
             last_heartbeat_at = CASE WHEN :leaving = 1 THEN NULL ELSE ${d.greatest("coalesce(last_heartbeat_at, :now)", ":now")} END,
             lease_expires_at = ${d.least(latestEnd, d.greatest("lease_expires_at", `:now + 60000 * ${policyMinutes("leaseMinutes")}`))}
       WHERE id = :escalationId AND status = 'in_review' AND lease_holder_id = :reviewerId AND lease_expires_at > :now
      RETURNING active_ms AS activeMs, lease_expires_at AS leaseExpiresAt, ${latestEnd} AS latest`;
}
// A review sends a heartbeat every few seconds, and the demo's history thousands: one text per engine, prepared once per connection.
const heartbeatText = { sqlite: heartbeatSql(dialectFor("sqlite")), postgres: heartbeatSql(dialectFor("postgres")) };

/**
 * The review screen is visible and focused: credit the time since the previous heartbeat, at
 * most one interval, and nothing at all after a gap (a hidden tab sends none, so the time it was
 * hidden never counts). A heartbeat sent on leaving (page hidden, focus lost) closes the stretch:
 * the next one starts a new one and earns nothing for the time between. Heartbeats closer
 * together earn only the time between them, so sending them faster, or twice at once, earns
 * nothing extra. Each one also extends the lease by leaseMinutes, never past maxLeaseMinutes
 * after the claim.
 *
 * One UPDATE, guarded by the lease, so only the holder of a live lease is credited and two
 * heartbeats at once are serialised by SQLite. It writes no audit entry (a review sends dozens);
 * the credited total lands in the verification and its audit entry, or in the lease's expiry entry.
 */
export async function recordHeartbeat(deps: Deps, reviewerId: string, escalationId: string, options: { leaving?: boolean } = {}): Promise<Heartbeat> {
  const now = deps.now();
  const beat = (await write(deps.db, () => statement(deps.db, heartbeatText[engineOf(deps.db)]).get({ now, leaving: options.leaving ? 1 : 0, escalationId, reviewerId }))) as
    | { activeMs: number; leaseExpiresAt: number; latest: number }
    | undefined;
  if (!beat) return refuseHeartbeat(deps, reviewerId, escalationId);
  return { activeSeconds: beat.activeMs / 1000, leaseExpiresAt: beat.leaseExpiresAt, leaseEndsAtLatest: beat.latest };
}

/** Why a heartbeat earned nothing: say so, so the review screen can tell the reviewer. */
async function refuseHeartbeat(deps: Deps, reviewerId: string, escalationId: string): Promise<never> {
  const lease = await heldLease(deps.db, escalationId);
  if (!lease) throw new AppError("NOT_FOUND", "no such escalation", [{ path: "escalationId", message: "unknown id" }]);
  if (lease.status === "decided") {
    throw new AppError("CONFLICT", "this escalation has already been decided", [{ path: "escalationId", message: "already decided" }]);
  }
  if (lease.status === "expired") {
    throw new AppError("CONFLICT", "this escalation has expired: its dueAt passed before it was decided, and the AI system was told so", [
      { path: "escalationId", message: "expired" },
    ]);
  }
  if (lease.status !== "in_review" || lease.holder !== reviewerId) {
    throw new AppError("CONFLICT", "only the reviewer holding the lease earns active time on this escalation; claim it first", [
      { path: "escalationId", message: "you do not hold a lease on it" },
    ]);
  }
  throw new AppError("CONFLICT", "your lease on this escalation has expired; claim it again", [
    { path: "escalationId", message: "lease expired" },
  ]);
}

import { hasPermission } from "@countersign/shared/permissions";
import { Link } from "react-router";
import { useCurrentUser } from "../hooks/use-current-user";

/**
 * The first step of a breadcrumb: where this person works from. Those who work the queue start at
 * the queue; an auditor (who may read the queue but works from the trail) starts at the audit trail.
 */
export function HomeCrumb() {
  const { data: user } = useCurrentUser();
  if (hasPermission(user, "workLeasedEscalations")) return <Link to="/queue">Queue</Link>;
  if (hasPermission(user, "readAuditTrail")) return <Link to="/audit">Audit trail</Link>;
  if (hasPermission(user, "readMetrics")) return <Link to="/systems">Systems</Link>;
  return <Link to="/queue">Queue</Link>;
}

import { hasPermission } from "@countersign/shared/permissions";
import { Link } from "react-router";
import { useCurrentUser } from "../hooks/use-current-user";

/** The first step of a breadcrumb: where this person works from (an auditor's is the audit trail, not the queue). */
export function HomeCrumb() {
  const { data: user } = useCurrentUser();
  if (hasPermission(user, "readQueue")) return <Link to="/queue">Queue</Link>;
  if (hasPermission(user, "readAuditTrail")) return <Link to="/audit">Audit trail</Link>;
  return <Link to="/systems">Systems</Link>;
}

import { hasPermission } from "@countersign/shared/permissions";
import { IncidentsScreen } from "../../features/incidents/components/incidents-screen";
import { useCurrentUser } from "../../hooks/use-current-user";

/** Serious incidents and malfunctions: leads and admins record them, auditors read them. */
export function IncidentsPage() {
  const { data: user } = useCurrentUser();
  return (
    <div className="page">
      <IncidentsScreen canRecord={hasPermission(user, "recordIncidents")} />
    </div>
  );
}

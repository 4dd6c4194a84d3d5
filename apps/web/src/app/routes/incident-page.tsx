import { hasPermission } from "@countersign/shared/permissions";
import { useParams } from "react-router";
import { IncidentDetail } from "../../features/incidents/components/incident-detail";
import { useCurrentUser } from "../../hooks/use-current-user";

export function IncidentPage() {
  const { incidentId = "" } = useParams();
  const { data: user } = useCurrentUser();
  const abilities = {
    canRecord: hasPermission(user, "recordIncidents"),
    canReleaseHold: hasPermission(user, "manageLegalHolds"),
    canExport: hasPermission(user, "exportIncidentPacks"),
  };
  return (
    <div className="page">
      <IncidentDetail key={incidentId} incidentId={incidentId} abilities={abilities} />
    </div>
  );
}

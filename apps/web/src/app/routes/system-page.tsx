import { useParams } from "react-router";
import { SystemOversight } from "../../features/system-health/components/system-oversight";

export function SystemPage() {
  const { systemId = "" } = useParams();
  return (
    <div className="page">
      <SystemOversight key={systemId} systemId={systemId} />
    </div>
  );
}

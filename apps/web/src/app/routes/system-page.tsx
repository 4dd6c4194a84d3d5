import { useParams } from "react-router";
import { LegalHoldsPanel } from "../../features/legal-holds/components/legal-holds-panel";
import { SystemOversight } from "../../features/system-health/components/system-oversight";

export function SystemPage() {
  const { systemId = "" } = useParams();
  return (
    <div className="page">
      <SystemOversight key={systemId} systemId={systemId} />
      <LegalHoldsPanel key={`holds-${systemId}`} target={{ systemId }} />
    </div>
  );
}

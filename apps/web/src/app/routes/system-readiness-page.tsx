import { useParams } from "react-router";
import { ReadinessScreen } from "../../features/readiness/components/readiness-screen";

export function SystemReadinessPage() {
  const { systemId = "" } = useParams();
  return (
    <div className="page">
      <ReadinessScreen key={systemId} systemId={systemId} />
    </div>
  );
}

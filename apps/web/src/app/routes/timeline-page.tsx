import { useParams } from "react-router";
import { LegalHoldsPanel } from "../../features/legal-holds/components/legal-holds-panel";
import { TimelineScreen } from "../../features/timeline/components/timeline-screen";

export function TimelinePage() {
  const { escalationId = "" } = useParams();
  return (
    <div className="page">
      <TimelineScreen key={escalationId} escalationId={escalationId} />
      <LegalHoldsPanel key={`holds-${escalationId}`} target={{ escalationId }} />
    </div>
  );
}

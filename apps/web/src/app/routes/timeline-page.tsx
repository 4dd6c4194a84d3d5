import { useParams } from "react-router";
import { TimelineScreen } from "../../features/timeline/components/timeline-screen";

export function TimelinePage() {
  const { escalationId = "" } = useParams();
  return (
    <div className="page">
      <TimelineScreen key={escalationId} escalationId={escalationId} />
    </div>
  );
}

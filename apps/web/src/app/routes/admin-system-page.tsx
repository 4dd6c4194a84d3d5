import { useParams } from "react-router";
import { SystemDetail } from "../../features/admin/components/system-detail";

export function AdminSystemPage() {
  const { systemId = "" } = useParams();
  return (
    <div className="page">
      <SystemDetail key={systemId} systemId={systemId} />
    </div>
  );
}

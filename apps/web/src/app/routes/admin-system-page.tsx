import { useParams } from "react-router";
import { SystemDetail } from "../../features/admin/components/system-detail";
import { BusinessCaseTab } from "../../features/business-case/components/business-case-tab";

export function AdminSystemPage() {
  const { systemId = "" } = useParams();
  return (
    <div className="page">
      <SystemDetail
        key={systemId}
        systemId={systemId}
        extraTabs={[{ value: "business-case", label: "Business case", content: <BusinessCaseTab systemId={systemId} /> }]}
      />
    </div>
  );
}

import { useParams } from "react-router";
import { SystemDetail } from "../../features/admin/components/system-detail";
import { BusinessCaseTab } from "../../features/business-case/components/business-case-tab";
import { InstructionsTab } from "../../features/instructions/components/instructions-tab";
import { GoldPanel } from "../../features/gold/components/gold-panel";
import { QualificationsPanel } from "../../features/qualifications/components/qualifications-panel";
import { WebhooksPanel } from "../../features/webhooks/components/webhooks-panel";

export function AdminSystemPage() {
  const { systemId = "" } = useParams();
  return (
    <div className="page">
      <SystemDetail
        key={systemId}
        systemId={systemId}
        extraTabs={[
          { value: "business-case", label: "Business case", content: <BusinessCaseTab systemId={systemId} /> },
          { value: "instructions", label: "Instructions for use", content: <InstructionsTab systemId={systemId} /> },
          { value: "gold", label: "Gold items", content: <GoldPanel systemId={systemId} /> },
          { value: "qualifications", label: "Qualifications", content: <QualificationsPanel systemId={systemId} /> },
          { value: "webhooks", label: "Webhooks", content: <WebhooksPanel systemId={systemId} /> },
        ]}
      />
    </div>
  );
}

import { DashboardView } from "../../features/dashboard/components/dashboard-view";
import "../../styles/dashboard.css";
import "../../styles/dashboard-tables.css";
import "../../styles/sheet.css";

export function DashboardPage() {
  return (
    <div className="page">
      <DashboardView />
    </div>
  );
}

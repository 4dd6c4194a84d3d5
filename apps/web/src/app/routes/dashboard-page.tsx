import { lazy, Suspense } from "react";
import { Skeleton } from "../../components/ui/skeleton";
import { OverdueIncidentsNotice } from "../../features/incidents/components/overdue-incidents-notice";

// The dashboard brings the chart library; it loads when a lead opens it, not with the review screen.
const DashboardView = lazy(() => import("../../features/dashboard/components/dashboard-view").then((m) => ({ default: m.DashboardView })));

export function DashboardPage() {
  return (
    <div className="page">
      <OverdueIncidentsNotice />
      <Suspense fallback={<Skeleton lines={8} label="Loading the dashboard…" />}>
        <DashboardView />
      </Suspense>
    </div>
  );
}

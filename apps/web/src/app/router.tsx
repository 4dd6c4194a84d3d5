import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { RequirePermission, RequireSession } from "./guards";
import { AppShell } from "./layout/app-shell";
import { RootLayout } from "./layout/root-layout";
import { AdminSystemPage } from "./routes/admin-system-page";
import { AdminSystemsPage } from "./routes/admin-systems-page";
import { AdminUsersPage } from "./routes/admin-users-page";
import { AuditPage } from "./routes/audit-page";
import { DashboardPage } from "./routes/dashboard-page";
import { DisputesPage } from "./routes/disputes-page";
import { ExplanationPage } from "./routes/explanation-page";
import { NotFoundPage } from "./routes/not-found-page";
import { QueuePage } from "./routes/queue-page";
import { ReviewPage } from "./routes/review-page";
import { SignInPage } from "./routes/sign-in-page";
import { SystemPage } from "./routes/system-page";
import { SystemReadinessPage } from "./routes/system-readiness-page";
import { SystemsPage } from "./routes/systems-page";
import { TimelinePage } from "./routes/timeline-page";

const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: "/sign-in", element: <SignInPage /> },
      {
        element: (
          <RequireSession>
            <AppShell />
          </RequireSession>
        ),
        children: [
          { index: true, element: <Navigate to="/queue" replace /> },
          {
            path: "/queue",
            element: (
              <RequirePermission permission="readQueue">
                <QueuePage />
              </RequirePermission>
            ),
          },
          {
            path: "/review/:escalationId",
            element: (
              <RequirePermission permission="workLeasedEscalations">
                <ReviewPage />
              </RequirePermission>
            ),
          },
          {
            path: "/escalations/:escalationId",
            element: (
              <RequirePermission permission="readAuditTrail">
                <TimelinePage />
              </RequirePermission>
            ),
          },
          {
            path: "/escalations/:escalationId/explanation",
            element: (
              <RequirePermission permission="readAuditTrail">
                <ExplanationPage />
              </RequirePermission>
            ),
          },
          {
            path: "/audit",
            element: (
              <RequirePermission permission="readAuditTrail">
                <AuditPage />
              </RequirePermission>
            ),
          },
          {
            path: "/disputes",
            element: (
              <RequirePermission permission="readDisputes">
                <DisputesPage />
              </RequirePermission>
            ),
          },
          {
            path: "/dashboard",
            element: (
              <RequirePermission permission="readDashboard">
                <DashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: "/systems",
            element: (
              <RequirePermission permission="readMetrics">
                <SystemsPage />
              </RequirePermission>
            ),
          },
          {
            path: "/systems/:systemId",
            element: (
              <RequirePermission permission="readMetrics">
                <SystemPage />
              </RequirePermission>
            ),
          },
          {
            path: "/systems/:systemId/readiness",
            element: (
              <RequirePermission permission="readReadiness">
                <SystemReadinessPage />
              </RequirePermission>
            ),
          },
          { path: "/admin", element: <Navigate to="/admin/systems" replace /> },
          {
            path: "/admin/systems",
            element: (
              <RequirePermission permission="configureSystems">
                <AdminSystemsPage />
              </RequirePermission>
            ),
          },
          {
            path: "/admin/systems/:systemId",
            element: (
              <RequirePermission permission="configureSystems">
                <AdminSystemPage />
              </RequirePermission>
            ),
          },
          {
            path: "/admin/users",
            element: (
              <RequirePermission permission="manageUsers">
                <AdminUsersPage />
              </RequirePermission>
            ),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}

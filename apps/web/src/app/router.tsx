import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { RequireRole, RequireSession } from "./guards";
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
          { path: "/queue", element: <QueuePage /> },
          {
            path: "/review/:escalationId",
            element: (
              <RequireRole roles={["reviewer", "lead"]}>
                <ReviewPage />
              </RequireRole>
            ),
          },
          {
            path: "/escalations/:escalationId",
            element: (
              <RequireRole roles={["lead", "auditor", "admin"]}>
                <TimelinePage />
              </RequireRole>
            ),
          },
          {
            path: "/escalations/:escalationId/explanation",
            element: (
              <RequireRole roles={["lead", "auditor", "admin"]}>
                <ExplanationPage />
              </RequireRole>
            ),
          },
          {
            path: "/audit",
            element: (
              <RequireRole roles={["lead", "auditor", "admin"]}>
                <AuditPage />
              </RequireRole>
            ),
          },
          {
            path: "/disputes",
            element: (
              <RequireRole roles={["lead", "admin"]}>
                <DisputesPage />
              </RequireRole>
            ),
          },
          {
            path: "/dashboard",
            element: (
              <RequireRole roles={["lead", "admin"]}>
                <DashboardPage />
              </RequireRole>
            ),
          },
          {
            path: "/systems",
            element: (
              <RequireRole roles={["lead", "auditor", "admin"]}>
                <SystemsPage />
              </RequireRole>
            ),
          },
          {
            path: "/systems/:systemId",
            element: (
              <RequireRole roles={["lead", "auditor", "admin"]}>
                <SystemPage />
              </RequireRole>
            ),
          },
          {
            path: "/systems/:systemId/readiness",
            element: (
              <RequireRole roles={["lead", "auditor", "admin"]}>
                <SystemReadinessPage />
              </RequireRole>
            ),
          },
          { path: "/admin", element: <Navigate to="/admin/systems" replace /> },
          {
            path: "/admin/systems",
            element: (
              <RequireRole roles={["admin"]}>
                <AdminSystemsPage />
              </RequireRole>
            ),
          },
          {
            path: "/admin/systems/:systemId",
            element: (
              <RequireRole roles={["admin"]}>
                <AdminSystemPage />
              </RequireRole>
            ),
          },
          {
            path: "/admin/users",
            element: (
              <RequireRole roles={["admin"]}>
                <AdminUsersPage />
              </RequireRole>
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

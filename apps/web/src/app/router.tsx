import { lazy } from "react";
import { createBrowserRouter, matchPath, Navigate } from "react-router";
// From react-router/dom, not react-router: only this one can honour a navigation's `flushSync`
// (the next review item is drawn at once); the other renders every navigation as a transition.
import { RouterProvider } from "react-router/dom";
import { prefetchReview } from "../features/review/api/review-view";
import { currentUserOptions } from "../hooks/use-current-user";
import { instanceOptions } from "../hooks/use-instance";
import { RequirePermission, RequireSession } from "./guards";
import { AppShell } from "./layout/app-shell";
import { RootLayout } from "./layout/root-layout";
import { queryClient, trpcOptions } from "./query-client";

// One chunk per page: the first page loads only its own code (the charts come with the pages that
// draw them). The layouts show a skeleton while a page's chunk arrives.
const AdminSystemPage = lazy(() => import("./routes/admin-system-page").then((m) => ({ default: m.AdminSystemPage })));
const AdminSystemsPage = lazy(() => import("./routes/admin-systems-page").then((m) => ({ default: m.AdminSystemsPage })));
const AdminNotificationsPage = lazy(() => import("./routes/admin-notifications-page").then((m) => ({ default: m.AdminNotificationsPage })));
const NotificationSettingsPage = lazy(() => import("./routes/notification-settings-page").then((m) => ({ default: m.NotificationSettingsPage })));
const AdminUsersPage = lazy(() => import("./routes/admin-users-page").then((m) => ({ default: m.AdminUsersPage })));
const AuditPage = lazy(() => import("./routes/audit-page").then((m) => ({ default: m.AuditPage })));
const DashboardPage = lazy(() => import("./routes/dashboard-page").then((m) => ({ default: m.DashboardPage })));
const DisputesPage = lazy(() => import("./routes/disputes-page").then((m) => ({ default: m.DisputesPage })));
const ExplanationPage = lazy(() => import("./routes/explanation-page").then((m) => ({ default: m.ExplanationPage })));
const RequestsPage = lazy(() => import("./routes/requests-page").then((m) => ({ default: m.RequestsPage })));
const RequestPage = lazy(() => import("./routes/request-page").then((m) => ({ default: m.RequestPage })));
const RequestPrintPage = lazy(() => import("./routes/request-print-page").then((m) => ({ default: m.RequestPrintPage })));
const IncidentPage = lazy(() => import("./routes/incident-page").then((m) => ({ default: m.IncidentPage })));
const IncidentsPage = lazy(() => import("./routes/incidents-page").then((m) => ({ default: m.IncidentsPage })));
const NotFoundPage = lazy(() => import("./routes/not-found-page").then((m) => ({ default: m.NotFoundPage })));
const loadReviewPage = () => import("./routes/review-page");
const ReviewPage = lazy(() => loadReviewPage().then((m) => ({ default: m.ReviewPage })));
// From the queue the next step is almost always the review screen: fetch its chunk once the queue is idle,
// so "Claim next" does not wait for it.
const QueuePage = lazy(() =>
  import("./routes/queue-page").then((m) => {
    whenIdle(() => void loadReviewPage());
    return { default: m.QueuePage };
  }),
);
const SignInPage = lazy(() => import("./routes/sign-in-page").then((m) => ({ default: m.SignInPage })));
const SystemPage = lazy(() => import("./routes/system-page").then((m) => ({ default: m.SystemPage })));
const SystemReadinessPage = lazy(() => import("./routes/system-readiness-page").then((m) => ({ default: m.SystemReadinessPage })));
const SystemsPage = lazy(() => import("./routes/systems-page").then((m) => ({ default: m.SystemsPage })));
const TimelinePage = lazy(() => import("./routes/timeline-page").then((m) => ({ default: m.TimelinePage })));

// Every page needs the session first: asked as the code starts (and answered from the page's first
// script, app/early-requests.ts, which asked before the code had arrived), so the first render
// already knows who is signed in rather than drawing a skeleton and asking then.
void queryClient.prefetchQuery(currentUserOptions(trpcOptions));
void queryClient.prefetchQuery(instanceOptions(trpcOptions));
// A page opened on a review's address (a new tab, a bookmark): the screen's code and the
// escalation load side by side with the session check, rather than each waiting for the last.
const opening = matchPath("/review/:escalationId", window.location.pathname)?.params.escalationId;
if (opening) {
  void loadReviewPage();
  prefetchReview(trpcOptions, queryClient, opening);
}

function whenIdle(task: () => void) {
  if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(task, { timeout: 2000 });
  else window.setTimeout(task, 500);
}

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
            path: "/incidents",
            element: (
              <RequirePermission permission="readIncidents">
                <IncidentsPage />
              </RequirePermission>
            ),
          },
          {
            path: "/incidents/:incidentId",
            element: (
              <RequirePermission permission="readIncidents">
                <IncidentPage />
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
          // Each page says who may see what of it: assignees, leads, auditors and admins see different parts.
          { path: "/requests", element: <RequestsPage /> },
          { path: "/requests/:requestId", element: <RequestPage /> },
          { path: "/requests/:requestId/print", element: <RequestPrintPage /> },
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
          {
            path: "/admin/notifications",
            element: (
              <RequirePermission permission="manageNotifications">
                <AdminNotificationsPage />
              </RequirePermission>
            ),
          },
          {
            path: "/settings/notifications",
            element: (
              <RequirePermission permission="manageOwnNotifications">
                <NotificationSettingsPage />
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

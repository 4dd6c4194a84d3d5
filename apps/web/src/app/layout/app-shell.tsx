import { hasPermission } from "@countersign/shared/permissions";
import { Suspense, type ReactNode } from "react";
import { NavLink, Outlet, useOutletContext } from "react-router";
import { MonitoringNoticeBanner } from "../../features/monitoring-notice/components/monitoring-notice-banner";
import { SignOutButton } from "../../features/auth/components/sign-out-button";
import { DisputesCount } from "../../features/disputes/components/disputes-count";
import { Button } from "../../components/ui/button";
import { Skeleton } from "../../components/ui/skeleton";
import { ToastViewport } from "../../components/ui/toast";
import { useCurrentUser } from "../../hooks/use-current-user";

type NavItem = { to: string; label: ReactNode; show: boolean };

/** The signed-in frame: navigation by permission, who is signed in, help, sign out. */
export function AppShell() {
  const { data: user } = useCurrentUser();
  const { openHelp } = useOutletContext<{ openHelp: () => void }>();
  const nav: NavItem[] = [
    { to: "/queue", label: "Queue", show: hasPermission(user, "readQueue") },
    { to: "/dashboard", label: "Dashboard", show: hasPermission(user, "readDashboard") },
    { to: "/systems", label: "Systems", show: hasPermission(user, "readMetrics") },
    { to: "/audit", label: "Audit", show: hasPermission(user, "readAuditTrail") },
    { to: "/incidents", label: "Incidents", show: hasPermission(user, "readIncidents") },
    {
      to: "/disputes",
      label: (
        <>
          Disputes
          <DisputesCount />
        </>
      ),
      show: hasPermission(user, "readDisputes"),
    },
    {
      to: "/requests",
      label: "Requests",
      show: hasPermission(user, "answerAffectedPersonRequests") || hasPermission(user, "readAffectedPersonRequests"),
    },
    { to: "/admin/systems", label: "AI systems", show: hasPermission(user, "configureSystems") },
    { to: "/admin/users", label: "Users", show: hasPermission(user, "manageUsers") },
    { to: "/admin/notifications", label: "Notifications", show: hasPermission(user, "manageNotifications") },
  ];
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="shell-header-inner">
          <NavLink to="/queue" className="brand">
            <img src="/favicon.svg" alt="" width={20} height={20} />
            Countersign
          </NavLink>
          <nav aria-label="Main" className="shell-nav">
            {nav
              .filter((item) => item.show)
              .map((item) => (
                <NavLink key={item.to} to={item.to} className="shell-nav-link">
                  {item.label}
                </NavLink>
              ))}
          </nav>
          <ToastViewport />
          <div className="shell-user">
            <Button variant="ghost" size="sm" onClick={openHelp} aria-keyshortcuts="Shift+?" title="Keyboard shortcuts (?)">
              <span className="shell-shortcuts-word">Shortcuts</span> <kbd className="kbd" aria-hidden="true">?</kbd>
            </Button>
            {user ? (
              <span className="shell-user-name">
                {user.name}
                <span className="shell-user-roles">{user.roles.join(", ")}</span>
              </span>
            ) : null}
            {hasPermission(user, "manageOwnNotifications") ? (
              <NavLink to="/settings/notifications" className="shell-nav-link" title="Your notifications">
                My notifications
              </NavLink>
            ) : null}
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {hasPermission(user, "acknowledgeMonitoringNotice") ? <MonitoringNoticeBanner /> : null}
        {/* Each page is its own chunk: the frame stays while it arrives. */}
        <Suspense
          fallback={
            <div className="page">
              <Skeleton lines={8} label="Loading the page…" />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

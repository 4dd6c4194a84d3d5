import { describeHolders, hasPermission, type Permission } from "@countersign/shared/permissions";
import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { Skeleton } from "../components/ui/skeleton";
import { StateMessage } from "../components/ui/state-message";
import { useCurrentUser } from "../hooks/use-current-user";
import { WaitingForRole } from "../features/auth/components/waiting-for-role";
import { useInstance } from "../hooks/use-instance";
import { errorMessage } from "../lib/errors";

/** Signed-out visitors go to the sign-in page; a signed-in person without any role waits for one. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  const instance = useInstance();
  const location = useLocation();
  if (me.isPending) {
    return (
      <div className="page">
        <Skeleton lines={4} label="Checking your session…" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="page">
        <StateMessage tone="error" title="Countersign cannot be reached">
          {errorMessage(me.error)}. Check that the server is running, then reload.
        </StateMessage>
      </div>
    );
  }
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (me.data.roles.length === 0) {
    return <WaitingForRole name={me.data.name} email={me.data.email} rolesFromProvider={!!instance.data?.sso?.rolesFromProvider} />;
  }
  return <>{children}</>;
}

/** A page for the holders of one permission. The server refuses anyway; this explains it instead of failing. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useCurrentUser();
  if (!hasPermission(me.data, permission)) {
    return (
      <div className="page">
        <StateMessage tone="error" title="You do not have access to this page" action={<Link to="/queue">Go to the queue</Link>}>
          This page needs {describeHolders(permission)}. Ask an admin if you need it.
        </StateMessage>
      </div>
    );
  }
  return <>{children}</>;
}

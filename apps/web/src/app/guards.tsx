import { describeHolders, hasPermission, type Permission } from "@countersign/shared/permissions";
import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { Skeleton } from "../components/ui/skeleton";
import { StateMessage } from "../components/ui/state-message";
import { useCurrentUser } from "../hooks/use-current-user";
import { errorMessage } from "../lib/errors";

/** Signed-out visitors go to the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
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

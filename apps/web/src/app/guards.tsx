import type { Role } from "@countersign/shared/enums";
import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { Skeleton } from "../components/ui/skeleton";
import { StateMessage } from "../components/ui/state-message";
import { hasRole, useCurrentUser } from "../hooks/use-current-user";
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

/** A page for some roles only. The server refuses anyway; this explains it instead of failing. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useCurrentUser();
  if (!hasRole(me.data, ...roles)) {
    return (
      <div className="page">
        <StateMessage tone="error" title="You do not have access to this page" action={<Link to="/queue">Go to the queue</Link>}>
          This page needs the {roles.join(" or ")} role. Ask an admin if you need it.
        </StateMessage>
      </div>
    );
  }
  return <>{children}</>;
}

import { hasPermission } from "@countersign/shared/permissions";
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { StateMessage } from "../../components/ui/state-message";
import { QueueView } from "../../features/queue/components/queue-view";
import { HaltedSystemsNotice } from "../../features/system-health/components/halted-systems-notice";
import { useCurrentUser } from "../../hooks/use-current-user";

/** The queue page; a notice passed by the review screen (e.g. "queue is empty") is shown once. */
export function QueuePage() {
  const { data: user } = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice] = useState(() => (location.state as { notice?: string } | null)?.notice ?? null);
  useEffect(() => {
    if (location.state) void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [location, navigate]);
  return (
    <div className="page">
      {notice ? <StateMessage tone="success" title={notice} /> : null}
      <HaltedSystemsNotice />
      <QueueView canClaim={hasPermission(user, "reviewEscalations")} canSeeTimeline={hasPermission(user, "readAuditTrail")} />
    </div>
  );
}

import { hasPermission } from "@countersign/shared/permissions";
import { useParams } from "react-router";
import { RequestScreen } from "../../features/affected-person-requests/components/request-screen";
import { useCurrentUser } from "../../hooks/use-current-user";

/** One request from an affected person; its assignee answers it here. */
export function RequestPage() {
  const { requestId = "" } = useParams();
  const { data: user } = useCurrentUser();
  const can = { read: hasPermission(user, "readAffectedPersonRequests"), record: hasPermission(user, "recordAffectedPersonRequests"), userId: user?.id ?? "" };
  return (
    <div className="page">
      <RequestScreen key={requestId} requestId={requestId} can={can} />
    </div>
  );
}

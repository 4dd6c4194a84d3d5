import { hasPermission } from "@countersign/shared/permissions";
import { Link } from "react-router";
import { StateMessage } from "../../components/ui/state-message";
import { RequestsScreen } from "../../features/affected-person-requests/components/requests-screen";
import { useCurrentUser } from "../../hooks/use-current-user";

/** Requests from affected people: the assignee's open ones, recording (leads, admins), every request (leads, auditors, admins). */
export function RequestsPage() {
  const { data: user } = useCurrentUser();
  const can = {
    answer: hasPermission(user, "answerAffectedPersonRequests"),
    record: hasPermission(user, "recordAffectedPersonRequests"),
    read: hasPermission(user, "readAffectedPersonRequests"),
  };
  return (
    <div className="page">
      {can.answer || can.record || can.read ? (
        <RequestsScreen can={can} />
      ) : (
        <StateMessage tone="error" title="You do not have access to this page" action={<Link to="/queue">Go to the queue</Link>}>
          Requests from affected people are for their assignees, leads, auditors and admins.
        </StateMessage>
      )}
    </div>
  );
}

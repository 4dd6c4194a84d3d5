import { hasPermission } from "@countersign/shared/permissions";
import { useParams } from "react-router";
import { PrintableAnswer } from "../../features/affected-person-requests/components/printable-answer";
import { useCurrentUser } from "../../hooks/use-current-user";

/** The printable answer to an affected person (print styles: explanation.css, keyed on explanation-page). */
export function RequestPrintPage() {
  const { requestId = "" } = useParams();
  const { data: user } = useCurrentUser();
  return (
    <div className="page explanation-page">
      <PrintableAnswer key={requestId} requestId={requestId} readsEvery={hasPermission(user, "readAffectedPersonRequests")} />
    </div>
  );
}

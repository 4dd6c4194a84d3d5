import { DisputesScreen } from "../../features/disputes/components/disputes-screen";
import { hasPermission } from "@countersign/shared/permissions";
import { useCurrentUser } from "../../hooks/use-current-user";

/** A lead's disputes: two-person verifications that disagreed, resolved here. Admins see them read-only. */
export function DisputesPage() {
  const { data: user } = useCurrentUser();
  return (
    <div className="page">
      <DisputesScreen canResolve={hasPermission(user, "resolveDisputes")} />
    </div>
  );
}

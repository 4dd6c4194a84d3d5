import { UsersPanel } from "../../features/admin/components/users-panel";
import { ReviewerQualifications } from "../../features/qualifications/components/reviewer-qualifications";

export function AdminUsersPage() {
  return (
    <div className="page">
      <UsersPanel />
      <ReviewerQualifications />
    </div>
  );
}

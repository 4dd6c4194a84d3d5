import { UsersPanel } from "../../features/admin/components/users-panel";

export function AdminUsersPage() {
  return (
    <div className="page">
      <UsersPanel />
    </div>
  );
}

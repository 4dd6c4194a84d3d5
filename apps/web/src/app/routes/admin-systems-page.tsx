import { SystemsList } from "../../features/admin/components/systems-list";

export function AdminSystemsPage() {
  return (
    <div className="page">
      <SystemsList />
    </div>
  );
}

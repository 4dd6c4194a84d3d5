import { NotificationsAdmin } from "../../features/notifications/components/notifications-admin";

export function AdminNotificationsPage() {
  return (
    <div className="page">
      <h1 className="page-title">Notifications</h1>
      <NotificationsAdmin />
    </div>
  );
}

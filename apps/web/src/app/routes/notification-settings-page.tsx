import { NotificationPreferences } from "../../features/notifications/components/notification-preferences";

export function NotificationSettingsPage() {
  return (
    <div className="page">
      <h1 className="page-title">Notifications</h1>
      <NotificationPreferences />
    </div>
  );
}

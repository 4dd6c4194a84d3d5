import type { NotificationCadence } from "@countersign/shared/notifications";

export const cadenceLabels: Record<NotificationCadence, string> = {
  immediate: "At once",
  hourly: "Hourly digest",
  daily: "Daily digest (07:00 UTC)",
};

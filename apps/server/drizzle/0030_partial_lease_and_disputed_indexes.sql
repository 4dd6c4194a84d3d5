DROP INDEX `escalations_lease_idx`;--> statement-breakpoint
DROP INDEX `escalations_disputed_idx`;--> statement-breakpoint
CREATE INDEX `escalations_lease_idx` ON `escalations` (`lease_expires_at`) WHERE status = 'in_review';--> statement-breakpoint
CREATE INDEX `escalations_disputed_idx` ON `escalations` (`disputed_at`) WHERE disputed_at IS NOT NULL;
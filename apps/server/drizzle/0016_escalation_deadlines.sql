ALTER TABLE `escalations` ADD `due_at_ms` integer;--> statement-breakpoint
ALTER TABLE `escalations` ADD `expired_at` integer;--> statement-breakpoint
ALTER TABLE `escalations` ADD `on_overdue` text;--> statement-breakpoint
CREATE INDEX `escalations_open_overdue_idx` ON `escalations` (`due_at_ms`) WHERE status IN ('queued', 'in_review') AND due_at_ms IS NOT NULL;
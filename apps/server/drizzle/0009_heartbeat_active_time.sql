ALTER TABLE `escalations` ADD `active_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `escalations` ADD `last_heartbeat_at` integer;
CREATE TABLE `drift_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`raised_at` integer NOT NULL,
	`cleared_at` integer,
	`assumed_rate` real NOT NULL,
	`tolerance` real NOT NULL,
	`measured_rate` real NOT NULL,
	`window_total` integer NOT NULL,
	`window_escalated` integer NOT NULL,
	`cleared_rate` real,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drift_alerts_system_idx` ON `drift_alerts` (`system_id`,`raised_at`);--> statement-breakpoint
CREATE TABLE `outbox_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`system_id` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_events_pending_idx` ON `outbox_events` (`delivered_at`,`id`);--> statement-breakpoint
CREATE TABLE `readiness_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`milestone` text NOT NULL,
	`verdict` text NOT NULL,
	`attendees` text NOT NULL,
	`actions` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`figures` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `readiness_reviews_system_idx` ON `readiness_reviews` (`system_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `volume_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`total` integer NOT NULL,
	`gateway_escalated` integer,
	`request_hash` text NOT NULL,
	`reported_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volume_reports_period_idx` ON `volume_reports` (`system_id`,`period_start`,`period_end`);--> statement-breakpoint
CREATE INDEX `volume_reports_end_idx` ON `volume_reports` (`system_id`,`period_end`);--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `business_case` text;--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `state` text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `state_reason` text;--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `state_changed_at` integer;--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `state_changed_by` text;--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `live_since` integer;--> statement-breakpoint
CREATE INDEX `escalations_system_received_idx` ON `escalations` (`system_id`,`received_at`);
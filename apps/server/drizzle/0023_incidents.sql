CREATE TABLE `incident_escalations` (
	`incident_id` text NOT NULL,
	`escalation_id` text NOT NULL,
	PRIMARY KEY(`incident_id`, `escalation_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_escalations_escalation_idx` ON `incident_escalations` (`escalation_id`);--> statement-breakpoint
CREATE TABLE `incident_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`party` text NOT NULL,
	`recipient` text NOT NULL,
	`notified_at` integer NOT NULL,
	`note` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_notifications_incident_idx` ON `incident_notifications` (`incident_id`,`notified_at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`aware_at` integer NOT NULL,
	`report_due_at` integer,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	`close_reason` text,
	`hold_released_by` text,
	`hold_released_at` integer,
	`hold_release_reason` text,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hold_released_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_system_idx` ON `incidents` (`system_id`,`recorded_at`);
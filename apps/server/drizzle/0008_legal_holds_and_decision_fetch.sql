CREATE TABLE `legal_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`escalation_id` text,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_at` integer NOT NULL,
	`lifted_by` text,
	`lifted_at` integer,
	`lift_reason` text,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_holds_system_idx` ON `legal_holds` (`system_id`,`lifted_at`);--> statement-breakpoint
CREATE INDEX `legal_holds_escalation_idx` ON `legal_holds` (`escalation_id`);--> statement-breakpoint
ALTER TABLE `escalations` ADD `decision_fetched_at` integer;
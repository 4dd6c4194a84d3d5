CREATE TABLE `reopenings` (
	`id` text PRIMARY KEY NOT NULL,
	`escalation_id` text NOT NULL,
	`round` integer NOT NULL,
	`reopened_by` text NOT NULL,
	`reopened_at` integer NOT NULL,
	`reason` text NOT NULL,
	`qualification_id` text,
	`previous_decided_at` integer NOT NULL,
	`previous_decision_fetched_at` integer,
	`previous_disputed_at` integer,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reopened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`qualification_id`) REFERENCES `qualifications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reopenings_escalation_round_idx` ON `reopenings` (`escalation_id`,`round`);--> statement-breakpoint
CREATE INDEX `reopenings_reopened_idx` ON `reopenings` (`reopened_at`);--> statement-breakpoint
DROP INDEX `resolutions_escalation_id_unique`;--> statement-breakpoint
ALTER TABLE `resolutions` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `resolutions` ADD `superseded_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_escalation_round_idx` ON `resolutions` (`escalation_id`,`round`);--> statement-breakpoint
ALTER TABLE `escalations` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `verifications` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `verifications` ADD `superseded_at` integer;
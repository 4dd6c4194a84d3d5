CREATE TABLE `instructions_for_use` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`version` integer NOT NULL,
	`provider` text NOT NULL,
	`provider_contact` text NOT NULL,
	`intended_purpose` text NOT NULL,
	`known_limitations` text NOT NULL,
	`oversight_instructions` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instructions_for_use_system_version_idx` ON `instructions_for_use` (`system_id`,`version`);--> statement-breakpoint
CREATE TABLE `monitoring_acknowledgements` (
	`user_id` text NOT NULL,
	`notice_version` integer NOT NULL,
	`notice_sha256` text NOT NULL,
	`acknowledged_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `notice_version`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `current_instructions_id` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `use_period_start` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `use_period_end` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `reference_database` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `matched_input_json` text;--> statement-breakpoint
ALTER TABLE `verifications` ADD `instructions_version_id` text;
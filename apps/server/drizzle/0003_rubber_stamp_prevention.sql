CREATE TABLE `gold_items` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`body` text NOT NULL,
	`expected_outcome` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gold_items_system_idx` ON `gold_items` (`system_id`,`active`);--> statement-breakpoint
CREATE TABLE `judgements` (
	`escalation_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`verdict` text NOT NULL,
	`reason` text NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`escalation_id`, `reviewer_id`, `claimed_at`),
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `escalations_system_external_idx`;--> statement-breakpoint
ALTER TABLE `escalations` ADD `gold_item_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_system_external_idx` ON `escalations` (`system_id`,`external_id`) WHERE gold_item_id IS NULL;--> statement-breakpoint
ALTER TABLE `verifications` ADD `required_dwell_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `verifications` ADD `judgement_verdict` text;--> statement-breakpoint
ALTER TABLE `verifications` ADD `judgement_reason` text;--> statement-breakpoint
ALTER TABLE `verifications` ADD `switched_to_ai` integer;--> statement-breakpoint
ALTER TABLE `verifications` ADD `supporting_evidence` text;--> statement-breakpoint
ALTER TABLE `verifications` ADD `rationale_similarity` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `verifications` ADD `attention_correct` integer;--> statement-breakpoint
ALTER TABLE `verifications` ADD `attention_check` text;--> statement-breakpoint
ALTER TABLE `verifications` ADD `gold_caught` integer;--> statement-breakpoint
ALTER TABLE `verifications` ADD `confidence` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `verifications` ADD `system_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `verifications_system_idx` ON `verifications` (`system_id`,`decided_at`);
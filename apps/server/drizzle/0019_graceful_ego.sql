CREATE TABLE `affected_person_request_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`version` integer NOT NULL,
	`answer` text NOT NULL,
	`answered_by` text NOT NULL,
	`answered_at` integer NOT NULL,
	`edit_reason` text,
	FOREIGN KEY (`request_id`) REFERENCES `affected_person_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `affected_person_request_answers_version_idx` ON `affected_person_request_answers` (`request_id`,`version`);--> statement-breakpoint
CREATE TABLE `affected_person_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`escalation_id` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`requester_reference` text NOT NULL,
	`received_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`extended_by_months` integer DEFAULT 0 NOT NULL,
	`extension_reason` text,
	`assignee_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`answered_at` integer,
	`re_review_status` text DEFAULT 'none' NOT NULL,
	`re_review_result` text,
	`re_review_escalation_id` text,
	`re_review_recorded_at` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`re_review_escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `affected_person_requests_assignee_idx` ON `affected_person_requests` (`assignee_id`,`answered_at`);--> statement-breakpoint
CREATE INDEX `affected_person_requests_system_idx` ON `affected_person_requests` (`system_id`,`recorded_at`);--> statement-breakpoint
CREATE INDEX `affected_person_requests_escalation_idx` ON `affected_person_requests` (`escalation_id`);
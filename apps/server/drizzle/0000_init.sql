CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`user_id`, `role`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `ai_systems` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`oversight_mode` text NOT NULL,
	`policy` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ai_systems_slug_unique` ON `ai_systems` (`slug`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`label` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_system_idx` ON `api_keys` (`system_id`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` text PRIMARY KEY NOT NULL,
	`system_id` text NOT NULL,
	`external_id` text NOT NULL,
	`request_hash` text NOT NULL,
	`input_json` text NOT NULL,
	`ai_output_json` text NOT NULL,
	`confidence` real NOT NULL,
	`model` text NOT NULL,
	`reason_code` text NOT NULL,
	`reason_explanation` text NOT NULL,
	`context_summary` text NOT NULL,
	`evidence` text,
	`priority` text NOT NULL,
	`priority_rank` integer NOT NULL,
	`due_at` text,
	`metadata` text,
	`status` text NOT NULL,
	`lease_holder_id` text,
	`claimed_at` integer,
	`lease_expires_at` integer,
	`received_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lease_holder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_system_external_idx` ON `escalations` (`system_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `escalations_claim_order_idx` ON `escalations` (`status`,`priority_rank`,`received_at`);--> statement-breakpoint
CREATE INDEX `escalations_lease_idx` ON `escalations` (`status`,`lease_expires_at`);--> statement-breakpoint
CREATE TABLE `evidence_openings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`escalation_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`evidence_index` integer NOT NULL,
	`opened_at` integer NOT NULL,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_openings_escalation_idx` ON `evidence_openings` (`escalation_id`,`reviewer_id`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`escalation_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`decided_at` integer NOT NULL,
	`active_seconds` integer NOT NULL,
	`checklist` text NOT NULL,
	`rationale` text NOT NULL,
	`outcome` text NOT NULL,
	`corrected_output` text,
	`evidence_opened` text NOT NULL,
	`content_sha256` text NOT NULL,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verifications_escalation_idx` ON `verifications` (`escalation_id`);--> statement-breakpoint
CREATE INDEX `verifications_reviewer_idx` ON `verifications` (`reviewer_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);
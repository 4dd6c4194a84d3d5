CREATE TABLE `resolutions` (
	`id` text PRIMARY KEY NOT NULL,
	`escalation_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`outcome` text NOT NULL,
	`rationale` text NOT NULL,
	`corrected_output` text,
	`resolved_at` integer NOT NULL,
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_escalation_id_unique` ON `resolutions` (`escalation_id`);--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`head` text NOT NULL,
	`at` text NOT NULL,
	`signature` text NOT NULL,
	`key_id` text NOT NULL,
	`witnessed_at` integer
);
--> statement-breakpoint
CREATE INDEX `checkpoints_size_idx` ON `checkpoints` (`size`);--> statement-breakpoint
CREATE INDEX `checkpoints_witness_idx` ON `checkpoints` (`witnessed_at`);--> statement-breakpoint
CREATE TABLE `qualifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`system_id` text NOT NULL,
	`training` text NOT NULL,
	`obtained_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`authority` text NOT NULL,
	`granted_by` text,
	`granted_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	`revoke_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qualifications_user_system_idx` ON `qualifications` (`user_id`,`system_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `qualifications_system_idx` ON `qualifications` (`system_id`);--> statement-breakpoint
ALTER TABLE `escalations` ADD `disputed_at` integer;--> statement-breakpoint
ALTER TABLE `escalations` ADD `purged_at` integer;--> statement-breakpoint
CREATE INDEX `escalations_external_idx` ON `escalations` (`external_id`);--> statement-breakpoint
CREATE INDEX `escalations_disputed_idx` ON `escalations` (`disputed_at`);--> statement-breakpoint
ALTER TABLE `verifications` ADD `qualification_id` text REFERENCES qualifications(id);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);
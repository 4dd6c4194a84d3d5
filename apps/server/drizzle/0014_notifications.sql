CREATE TABLE `chat_webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_user_id` text,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`url_hint` text NOT NULL,
	`triggers` text NOT NULL,
	`system_id` text,
	`cadence` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`system_id`) REFERENCES `ai_systems`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chat_webhooks_owner_idx` ON `chat_webhooks` (`owner_user_id`,`removed_at`);--> statement-breakpoint
CREATE TABLE `notification_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`last_outbox_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_key` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`fact_count` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `notification_deliveries_due_idx` ON `notification_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `notification_facts` (
	`key` text PRIMARY KEY NOT NULL,
	`trigger` text NOT NULL,
	`system_id` text,
	`noticed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_key` text NOT NULL,
	`fact_key` text NOT NULL,
	`channel` text NOT NULL,
	`fact` text NOT NULL,
	`created_at` integer NOT NULL,
	`send_after` integer NOT NULL,
	`delivery_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_items_once_idx` ON `notification_items` (`recipient_key`,`fact_key`);--> statement-breakpoint
CREATE INDEX `notification_items_waiting_idx` ON `notification_items` (`delivery_id`,`send_after`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL,
	`trigger` text NOT NULL,
	`channel` text NOT NULL,
	`cadence` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `trigger`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);

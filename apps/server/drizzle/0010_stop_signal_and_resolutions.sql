ALTER TABLE `ai_systems` ADD `state_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `ai_systems` ADD `state_seen_at` integer;--> statement-breakpoint
ALTER TABLE `resolutions` ADD `basis` text;--> statement-breakpoint
ALTER TABLE `resolutions` ADD `verification_id` text REFERENCES verifications(id);--> statement-breakpoint
ALTER TABLE `resolutions` ADD `qualification_id` text REFERENCES qualifications(id);
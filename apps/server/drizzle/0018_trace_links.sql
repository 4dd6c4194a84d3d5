ALTER TABLE `ai_systems` ADD `trace_link_template` text;--> statement-breakpoint
ALTER TABLE `escalations` ADD `traceparent` text;
DROP INDEX `escalations_claim_order_idx`;--> statement-breakpoint
CREATE INDEX `escalations_status_priority_idx` ON `escalations` (`status`,"priority_rank" DESC,`received_at`) WHERE status NOT IN ('queued', 'in_review');--> statement-breakpoint
CREATE INDEX `escalations_status_received_idx` ON `escalations` (`status`,`received_at`,`gold_item_id`,`disputed_at`) WHERE status NOT IN ('queued', 'in_review');--> statement-breakpoint
CREATE INDEX `escalations_open_priority_idx` ON `escalations` ("priority_rank" DESC,`received_at`) WHERE status IN ('queued', 'in_review');--> statement-breakpoint
CREATE INDEX `escalations_open_received_idx` ON `escalations` (`received_at`,`gold_item_id`,`disputed_at`) WHERE status IN ('queued', 'in_review');--> statement-breakpoint
CREATE INDEX `escalations_open_due_idx` ON `escalations` ("due_at" IS NULL,`due_at`,"priority_rank" DESC) WHERE status IN ('queued', 'in_review');--> statement-breakpoint
CREATE INDEX `escalations_open_confidence_idx` ON `escalations` (`confidence`,`received_at`) WHERE status IN ('queued', 'in_review');--> statement-breakpoint
CREATE INDEX `escalations_reason_status_idx` ON `escalations` (`reason_code`,`status`,`received_at`,`gold_item_id`,`disputed_at`,`system_id`,`priority`);--> statement-breakpoint
CREATE INDEX `escalations_priority_status_idx` ON `escalations` (`priority`,`status`,`received_at`,`gold_item_id`,`disputed_at`,`system_id`,`reason_code`);--> statement-breakpoint
CREATE INDEX `escalations_system_status_idx` ON `escalations` (`system_id`,`status`,`received_at`,`gold_item_id`,`disputed_at`,`priority`,`reason_code`);
DROP INDEX `verifications_escalation_idx`;--> statement-breakpoint
CREATE INDEX `verifications_reviewer_gold_idx` ON `verifications` (`reviewer_id`) WHERE gold_caught IS NOT NULL;--> statement-breakpoint
CREATE INDEX `verifications_escalation_idx` ON `verifications` (`escalation_id`,`reviewer_id`);--> statement-breakpoint
CREATE INDEX `escalations_claim_real_idx` ON `escalations` (`system_id`,"priority_rank" DESC,`received_at`) WHERE status = 'queued' AND gold_item_id IS NULL AND disputed_at IS NULL;--> statement-breakpoint
CREATE INDEX `escalations_claim_gold_idx` ON `escalations` (`system_id`,"priority_rank" DESC,`received_at`) WHERE status = 'queued' AND gold_item_id IS NOT NULL AND disputed_at IS NULL;
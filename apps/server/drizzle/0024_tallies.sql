CREATE TABLE `escalation_tallies` (
	`day` integer NOT NULL,
	`system_id` text NOT NULL,
	`reason_code` text NOT NULL,
	`model` text NOT NULL,
	`escalations` integer NOT NULL,
	`decided` integer NOT NULL,
	`verifications` integer NOT NULL,
	`decisions` integer NOT NULL,
	`approved` integer NOT NULL,
	`overridden` integer NOT NULL,
	`escalated_further` integer NOT NULL,
	`active_seconds` text NOT NULL,
	PRIMARY KEY(`system_id`, `day`, `reason_code`, `model`)
);
--> statement-breakpoint
CREATE TABLE `verification_tallies` (
	`day` integer NOT NULL,
	`system_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`decisions` integer NOT NULL,
	`approvals` integer NOT NULL,
	`judged` integer NOT NULL,
	`near_floor` integer NOT NULL,
	`gold_decided` integer NOT NULL,
	`gold_caught` integer NOT NULL,
	`with_evidence` integer NOT NULL,
	`evidence_opened` integer NOT NULL,
	`verdicts` integer NOT NULL,
	`against_ai` integer NOT NULL,
	`switched_to_ai` integer NOT NULL,
	`attention_checks` integer NOT NULL,
	`attention_wrong` integer NOT NULL,
	`bands` text NOT NULL,
	`active_seconds` text NOT NULL,
	`approval_sequence` text NOT NULL,
	`similarities` text NOT NULL,
	PRIMARY KEY(`day`, `system_id`, `reviewer_id`)
);

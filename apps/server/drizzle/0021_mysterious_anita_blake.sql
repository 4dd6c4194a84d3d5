CREATE TABLE `escalation_tallies` (
	`day` integer NOT NULL,
	`system_id` text NOT NULL,
	`reason_code` text NOT NULL,
	`model` text NOT NULL,
	`escalations` integer NOT NULL,
	`decided` integer NOT NULL,
	`verifications` integer NOT NULL,
	`approved` integer NOT NULL,
	`overridden` integer NOT NULL,
	`escalated_further` integer NOT NULL,
	`active_seconds` text NOT NULL,
	PRIMARY KEY(`system_id`, `day`, `reason_code`, `model`)
);

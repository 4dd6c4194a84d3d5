ALTER TABLE `verification_tallies` ADD `decided_ms` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `verification_tallies` ADD `facts` text DEFAULT '[]' NOT NULL;
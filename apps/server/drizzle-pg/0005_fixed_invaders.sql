ALTER TABLE "verification_tallies" ADD COLUMN "decided_ms" text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "verification_tallies" ADD COLUMN "facts" text DEFAULT '[]' NOT NULL;
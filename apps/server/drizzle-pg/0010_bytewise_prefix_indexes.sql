DROP INDEX "escalations_external_idx";--> statement-breakpoint
CREATE INDEX "escalations_id_bytewise_idx" ON "escalations" USING btree (("id" COLLATE "C"));--> statement-breakpoint
CREATE INDEX "escalations_external_idx" ON "escalations" USING btree (("external_id" COLLATE "C"));
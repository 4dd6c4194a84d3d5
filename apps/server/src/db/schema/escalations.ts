import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { EscalationStatus, Priority } from "@countersign/shared/enums";
import type { EvidenceItem } from "@countersign/shared/escalation";
import { users } from "./users";
import { aiSystems } from "./systems";

export const escalations = sqliteTable(
  "escalations",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    externalId: text("external_id").notNull(),
    /** SHA-256 of the canonical request body: the idempotency check. */
    requestHash: text("request_hash").notNull(),
    /** JSON-encoded string or object, exactly as received. */
    inputJson: text("input_json").notNull(),
    aiOutputJson: text("ai_output_json").notNull(),
    confidence: real("confidence").notNull(),
    model: text("model").notNull(),
    reasonCode: text("reason_code").notNull(),
    reasonExplanation: text("reason_explanation").notNull(),
    contextSummary: text("context_summary").notNull(),
    evidence: text("evidence", { mode: "json" }).$type<EvidenceItem[]>(),
    priority: text("priority").$type<Priority>().notNull(),
    priorityRank: integer("priority_rank").notNull(),
    dueAt: text("due_at"),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
    status: text("status").$type<EscalationStatus>().notNull(),
    leaseHolderId: text("lease_holder_id").references(() => users.id),
    claimedAt: integer("claimed_at"),
    leaseExpiresAt: integer("lease_expires_at"),
    receivedAt: integer("received_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    uniqueIndex("escalations_system_external_idx").on(t.systemId, t.externalId),
    index("escalations_claim_order_idx").on(t.status, t.priorityRank, t.receivedAt),
    index("escalations_lease_idx").on(t.status, t.leaseExpiresAt),
    index("escalations_system_received_idx").on(t.systemId, t.receivedAt),
  ],
);

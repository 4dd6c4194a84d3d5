import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { EscalationStatus, Outcome, Priority } from "@countersign/shared/enums";
import type { OverdueAction } from "@countersign/shared/policy";
import type { EvidenceItem } from "@countersign/shared/escalation";
import { users } from "./users";
import { aiSystems } from "./systems";

/** What the queue's conditions read besides the filters: arrival (gold copies wait for it), gold and dispute. */
const queueConditionColumns = (t: { receivedAt: AnySQLiteColumn; goldItemId: AnySQLiteColumn; disputedAt: AnySQLiteColumn }) =>
  [t.receivedAt, t.goldItemId, t.disputedAt] as const;

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
    /**
     * dueAt as an instant (ms): the text keeps the sender's offset, so it cannot be compared as text.
     * The deadline the overdue sweep enforces. Both are the round's: a reopened round gets its own (reviews/reopen.ts).
     */
    dueAtMs: integer("due_at_ms"),
    metadata: text("metadata", { mode: "json" }).$type<Record<string, unknown>>(),
    /** The W3C traceparent sent with the escalation: links it to the AI system's trace. */
    traceparent: text("traceparent"),
    /** Art. 12(3) fields (remote biometric identification systems), as sent: period of use, reference database, matched input (JSON-encoded). */
    usePeriodStart: text("use_period_start"),
    usePeriodEnd: text("use_period_end"),
    referenceDatabase: text("reference_database"),
    matchedInputJson: text("matched_input_json"),
    status: text("status").$type<EscalationStatus>().notNull(),
    leaseHolderId: text("lease_holder_id").references(() => users.id),
    claimedAt: integer("claimed_at"),
    leaseExpiresAt: integer("lease_expires_at"),
    /** Active time the server credited to the current lease from the review screen's heartbeats. */
    activeMs: integer("active_ms").notNull().default(0),
    /** The current lease's last heartbeat (the claim counts as the first); null while the review screen is away. */
    lastHeartbeatAt: integer("last_heartbeat_at"),
    receivedAt: integer("received_at").notNull(),
    decidedAt: integer("decided_at"),
    /**
     * Gold items carry a known correct outcome. They are never shown as such to reviewers,
     * never returned to the AI system and never counted in its volume.
     */
    goldItemId: text("gold_item_id"),
    /** Two-person rule: set when the verifications disagreed; the escalation waits for a lead's resolution. */
    disputedAt: integer("disputed_at"),
    /** Set when the content was purged past the system's retention period. */
    purgedAt: integer("purged_at"),
    /** Set when dueAt passed undecided; with the system's onOverdue policy at that moment. */
    expiredAt: integer("expired_at"),
    onOverdue: text("on_overdue").$type<OverdueAction>(),
    /** When the AI system first read the decision over REST: what Countersign knows of its delivery. */
    decisionFetchedAt: integer("decision_fetched_at"),
    /**
     * The review round in progress or decided: 1, and one more each time a person with the override
     * authority reopened the decision (Art. 14(4)(d)). Verifications and resolutions carry their round.
     */
    round: integer("round").notNull().default(1),
  },
  (t) => [
    // Gold copies reuse their template's externalId so they look like any other item.
    uniqueIndex("escalations_system_external_idx").on(t.systemId, t.externalId).where(sql`gold_item_id IS NULL`),
    // The queue page walks one of these in its sort order and stops at the first page; the open
    // queue (queued and in review) has its own partial indexes so that no view sorts the queue; the
    // other statuses have theirs, kept apart so the planner never merges open rows out of them.
    index("escalations_status_priority_idx").on(t.status, sql`${t.priorityRank} DESC`, t.receivedAt).where(sql`status NOT IN ('queued', 'in_review')`),
    index("escalations_status_received_idx").on(t.status, t.receivedAt, t.goldItemId, t.disputedAt).where(sql`status NOT IN ('queued', 'in_review')`),
    index("escalations_open_priority_idx").on(sql`${t.priorityRank} DESC`, t.receivedAt).where(sql`status IN ('queued', 'in_review')`),
    index("escalations_open_received_idx").on(t.receivedAt, t.goldItemId, t.disputedAt).where(sql`status IN ('queued', 'in_review')`),
    index("escalations_open_due_idx")
      .on(sql`${t.dueAt} IS NULL`, t.dueAt, sql`${t.priorityRank} DESC`)
      .where(sql`status IN ('queued', 'in_review')`),
    index("escalations_open_confidence_idx").on(t.confidence, t.receivedAt).where(sql`status IN ('queued', 'in_review')`),
    // The queue's filters count their matches (up to the cap) from these ranges without reading a
    // row: they hold every column the queue's conditions and the other filters read, so combined
    // filters count off one index too. The reason index also gives the list of reasons as a skip
    // scan (one probe per reason).
    index("escalations_reason_status_idx").on(t.reasonCode, t.status, ...queueConditionColumns(t), t.systemId, t.priority),
    index("escalations_priority_status_idx").on(t.priority, t.status, ...queueConditionColumns(t), t.systemId, t.reasonCode),
    index("escalations_system_status_idx").on(t.systemId, t.status, ...queueConditionColumns(t), t.priority, t.reasonCode),
    // The claim's two probes per system walk these in claim order and stop at the first row they may take.
    index("escalations_claim_real_idx")
      .on(t.systemId, sql`${t.priorityRank} DESC`, t.receivedAt)
      .where(sql`status = 'queued' AND gold_item_id IS NULL AND disputed_at IS NULL`),
    index("escalations_claim_gold_idx")
      .on(t.systemId, sql`${t.priorityRank} DESC`, t.receivedAt)
      .where(sql`status = 'queued' AND gold_item_id IS NOT NULL AND disputed_at IS NULL`),
    index("escalations_lease_idx").on(t.leaseExpiresAt).where(sql`status = 'in_review'`),
    // The overdue sweep reads the open escalations whose due time has passed, soonest first.
    index("escalations_open_overdue_idx").on(t.dueAtMs).where(sql`status IN ('queued', 'in_review') AND due_at_ms IS NOT NULL`),
    index("escalations_system_received_idx").on(t.systemId, t.receivedAt),
    // The auditor's trail finds an externalId without knowing its system.
    index("escalations_external_idx").on(t.externalId),
    index("escalations_disputed_idx").on(t.disputedAt).where(sql`disputed_at IS NOT NULL`),
    // A gold item's copies, few among millions: its decisions and catches (the gold list) and its withdrawal.
    index("escalations_gold_idx").on(t.goldItemId).where(sql`gold_item_id IS NOT NULL`),
    // The retention purge walks, system by system and oldest first, the content it has yet to purge.
    index("escalations_retention_idx")
      .on(t.systemId, sql`coalesce(${t.decidedAt}, ${t.expiredAt})`, t.id)
      .where(sql`purged_at IS NULL AND status IN ('decided', 'expired') AND gold_item_id IS NULL`),
  ],
);

/** A gold item's template: the content served to reviewers and the outcome a careful reviewer reaches. */
export const goldItems = sqliteTable(
  "gold_items",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    /** The escalation body exactly as an AI system would send it. */
    body: text("body", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    expectedOutcome: text("expected_outcome").$type<Outcome>().notNull(),
    notes: text("notes").notNull().default(""),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("gold_items_system_idx").on(t.systemId, t.active)],
);

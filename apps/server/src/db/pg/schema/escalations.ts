import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, boolean, doublePrecision, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import type { EscalationStatus, Outcome, Priority } from "@countersign/shared/enums";
import type { OverdueAction } from "@countersign/shared/policy";
import type { EvidenceItem } from "@countersign/shared/escalation";
import { users } from "./users";
import { aiSystems } from "./systems";

/** What the queue's conditions read besides the filters: arrival (gold copies wait for it), gold and dispute. */
const queueConditionColumns = (t: { receivedAt: AnyPgColumn; goldItemId: AnyPgColumn; disputedAt: AnyPgColumn }) =>
  [t.receivedAt, t.goldItemId, t.disputedAt] as const;

export const escalations = pgTable(
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
    confidence: doublePrecision("confidence").notNull(),
    model: text("model").notNull(),
    reasonCode: text("reason_code").notNull(),
    reasonExplanation: text("reason_explanation").notNull(),
    contextSummary: text("context_summary").notNull(),
    evidence: jsonText("evidence").$type<EvidenceItem[]>(),
    priority: text("priority").$type<Priority>().notNull(),
    priorityRank: bigint("priority_rank", { mode: "number" }).notNull(),
    dueAt: text("due_at"),
    /**
     * dueAt as an instant (ms): the text keeps the sender's offset, so it cannot be compared as text.
     * The deadline the overdue sweep enforces; cleared when a decision is reopened after it passed.
     */
    dueAtMs: bigint("due_at_ms", { mode: "number" }),
    metadata: jsonText("metadata").$type<Record<string, unknown>>(),
    /** The W3C traceparent sent with the escalation: links it to the AI system's trace. */
    traceparent: text("traceparent"),
    /** Art. 12(3) fields (remote biometric identification systems), as sent: period of use, reference database, matched input (JSON-encoded). */
    usePeriodStart: text("use_period_start"),
    usePeriodEnd: text("use_period_end"),
    referenceDatabase: text("reference_database"),
    matchedInputJson: text("matched_input_json"),
    status: text("status").$type<EscalationStatus>().notNull(),
    leaseHolderId: text("lease_holder_id").references(() => users.id),
    claimedAt: bigint("claimed_at", { mode: "number" }),
    leaseExpiresAt: bigint("lease_expires_at", { mode: "number" }),
    /** Active time the server credited to the current lease from the review screen's heartbeats. */
    activeMs: bigint("active_ms", { mode: "number" }).notNull().default(0),
    /** The current lease's last heartbeat (the claim counts as the first); null while the review screen is away. */
    lastHeartbeatAt: bigint("last_heartbeat_at", { mode: "number" }),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    decidedAt: bigint("decided_at", { mode: "number" }),
    /**
     * Gold items carry a known correct outcome. They are never shown as such to reviewers,
     * never returned to the AI system and never counted in its volume.
     */
    goldItemId: text("gold_item_id"),
    /** Two-person rule: set when the verifications disagreed; the escalation waits for a lead's resolution. */
    disputedAt: bigint("disputed_at", { mode: "number" }),
    /** Set when the content was purged past the system's retention period. */
    purgedAt: bigint("purged_at", { mode: "number" }),
    /** Set when dueAt passed undecided; with the system's onOverdue policy at that moment. */
    expiredAt: bigint("expired_at", { mode: "number" }),
    onOverdue: text("on_overdue").$type<OverdueAction>(),
    /** When the AI system first read the decision over REST: what Countersign knows of its delivery. */
    decisionFetchedAt: bigint("decision_fetched_at", { mode: "number" }),
    /**
     * The review round in progress or decided: 1, and one more each time a person with the override
     * authority reopened the decision (Art. 14(4)(d)). Verifications and resolutions carry their round.
     */
    round: bigint("round", { mode: "number" }).notNull().default(1),
  },
  (t) => [
    // Gold copies reuse their template's externalId so they look like any other item.
    uniqueIndex("escalations_system_external_idx").on(t.systemId, t.externalId).where(sql`gold_item_id IS NULL`),
    // The queue page walks one of these in its sort order and stops at the first page; the open
    // queue (queued and in review) has its own partial indexes so that no view sorts the queue; the
    // other statuses have theirs, kept apart so the planner never merges open rows out of them.
    index("escalations_status_priority_idx").on(t.status, t.priorityRank.desc(), t.receivedAt).where(sql`status NOT IN ('queued', 'in_review')`),
    index("escalations_status_received_idx").on(t.status, t.receivedAt, t.goldItemId, t.disputedAt).where(sql`status NOT IN ('queued', 'in_review')`),
    index("escalations_open_priority_idx").on(t.priorityRank.desc(), t.receivedAt).where(sql`status IN ('queued', 'in_review')`),
    index("escalations_open_received_idx").on(t.receivedAt, t.goldItemId, t.disputedAt).where(sql`status IN ('queued', 'in_review')`),
    // PostgreSQL takes an expression key only in parentheses (drizzle-kit writes it as given).
    index("escalations_open_due_idx")
      .on(sql`(${t.dueAt} IS NULL)`, t.dueAt, t.priorityRank.desc())
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
      .on(t.systemId, t.priorityRank.desc(), t.receivedAt)
      .where(sql`status = 'queued' AND gold_item_id IS NULL AND disputed_at IS NULL`),
    index("escalations_claim_gold_idx")
      .on(t.systemId, t.priorityRank.desc(), t.receivedAt)
      .where(sql`status = 'queued' AND gold_item_id IS NOT NULL AND disputed_at IS NULL`),
    index("escalations_lease_idx").on(t.leaseExpiresAt).where(sql`status = 'in_review'`),
    // The overdue sweep reads the open escalations whose due time has passed, soonest first.
    index("escalations_open_overdue_idx").on(t.dueAtMs).where(sql`status IN ('queued', 'in_review') AND due_at_ms IS NOT NULL`),
    index("escalations_system_received_idx").on(t.systemId, t.receivedAt),
    // The auditor's trail finds an externalId without knowing its system, and the queue's search an
    // externalId or an id by its beginning: in byte order whatever the database's collation, since
    // under a linguistic one (en_US, ICU) no range of the column's own order holds a prefix's strings.
    index("escalations_external_idx").on(sql`(${t.externalId} COLLATE "C")`),
    index("escalations_id_bytewise_idx").on(sql`(${t.id} COLLATE "C")`),
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
export const goldItems = pgTable(
  "gold_items",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    /** The escalation body exactly as an AI system would send it. */
    body: jsonText("body").$type<Record<string, unknown>>().notNull(),
    expectedOutcome: text("expected_outcome").$type<Outcome>().notNull(),
    notes: text("notes").notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdBy: text("created_by"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("gold_items_system_idx").on(t.systemId, t.active)],
);

import { bigint, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { ReReviewStatus, RequestChannel, RequestKind } from "@countersign/shared/affected-person-requests";
import { escalations } from "./escalations";
import { aiSystems } from "./systems";
import { users } from "./users";

/**
 * Requests from people affected by a decision (EU AI Act Art. 86, GDPR Art. 22(3)): one decision,
 * found by its escalation; routed to a qualified person with a due date (GDPR Art. 12(3)).
 */
export const affectedPersonRequests = pgTable(
  "affected_person_requests",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    escalationId: text("escalation_id")
      .notNull()
      .references(() => escalations.id),
    kind: text("kind").$type<RequestKind>().notNull(),
    channel: text("channel").$type<RequestChannel>().notNull(),
    /** A case or ticket number that tells requests apart; the audit log and the proof pack keep only its hash. */
    requesterReference: text("requester_reference").notNull(),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    /** Due date in force: one month after receipt, plus any extension. */
    dueAt: bigint("due_at", { mode: "number" }).notNull(),
    extendedByMonths: bigint("extended_by_months", { mode: "number" }).notNull().default(0),
    extensionReason: text("extension_reason"),
    assigneeId: text("assignee_id")
      .notNull()
      .references(() => users.id),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: bigint("recorded_at", { mode: "number" }).notNull(),
    /** When the first answer was recorded; null while the request is open. */
    answeredAt: bigint("answered_at", { mode: "number" }),
    reReviewStatus: text("re_review_status").$type<ReReviewStatus>().notNull().default("none"),
    reReviewResult: text("re_review_result"),
    /** The new review round, where one exists (reversal: reopening a decided escalation). */
    reReviewEscalationId: text("re_review_escalation_id").references(() => escalations.id),
    reReviewRecordedAt: bigint("re_review_recorded_at", { mode: "number" }),
  },
  (t) => [
    index("affected_person_requests_assignee_idx").on(t.assigneeId, t.answeredAt),
    index("affected_person_requests_system_idx").on(t.systemId, t.recordedAt),
    index("affected_person_requests_escalation_idx").on(t.escalationId),
  ],
);

/**
 * Every version of a request's answer, never updated: an answer once printed and sent stays in
 * the record when it is corrected, and the latest version is the one in force.
 */
export const affectedPersonRequestAnswers = pgTable(
  "affected_person_request_answers",
  {
    id: text("id").primaryKey(),
    requestId: text("request_id")
      .notNull()
      .references(() => affectedPersonRequests.id),
    version: bigint("version", { mode: "number" }).notNull(),
    answer: text("answer").notNull(),
    answeredBy: text("answered_by")
      .notNull()
      .references(() => users.id),
    answeredAt: bigint("answered_at", { mode: "number" }).notNull(),
    /** Why an answer after the first one changed it; null for the first. */
    editReason: text("edit_reason"),
  },
  // Two people recording "the first answer" at once: the second insert fails here, not silently.
  (t) => [uniqueIndex("affected_person_request_answers_version_idx").on(t.requestId, t.version)],
);

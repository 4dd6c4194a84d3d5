import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import type { OversightMode } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import type { BusinessCase } from "@countersign/shared/cost-model";

export const aiSystems = pgTable("ai_systems", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  oversightMode: text("oversight_mode").$type<OversightMode>().notNull(),
  policy: jsonText("policy").$type<ReviewPolicy>().notNull(),
  businessCase: jsonText("business_case").$type<BusinessCase>(),
  /** The stop button (EU AI Act Art. 14(4)(e)): "active" or "halted", with who, when and why. */
  state: text("state").$type<"active" | "halted">().notNull().default("active"),
  stateReason: text("state_reason"),
  stateChangedAt: bigint("state_changed_at", { mode: "number" }),
  stateChangedBy: text("state_changed_by"),
  /** Counts every halt and resume: signed into GET /api/v1/system so the AI system can refuse a replayed older state. */
  stateSeq: bigint("state_seq", { mode: "number" }).notNull().default(0),
  /** When the AI system first read the current state (null: not yet); written once per state change, not per poll. */
  stateSeenAt: bigint("state_seen_at", { mode: "number" }),
  /** Go-live date; the readiness review cadence counts from it. */
  liveSince: bigint("live_since", { mode: "number" }),
  /** How many REST requests each of the system's API keys may make per minute (the stop poll has its own allowance). */
  apiRequestsPerMinute: bigint("api_requests_per_minute", { mode: "number" }).notNull().default(600),
  /** Where the system's traces open, e.g. https://tracing.example.com/trace/{traceId}; null: no trace links. */
  traceLinkTemplate: text("trace_link_template"),
  /** The version of the instructions for use in force (instructions_for_use.id); null: none recorded yet. Kept here so a verification names it in one probe. */
  currentInstructionsId: text("current_instructions_id"),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

/** API keys for machine clients; only the SHA-256 of the key is stored. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    label: text("label").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [index("api_keys_system_idx").on(t.systemId)],
);

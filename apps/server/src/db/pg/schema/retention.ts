import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { escalations } from "./escalations";
import { aiSystems } from "./systems";
import { users } from "./users";

/**
 * Legal holds: while one is in force (not lifted) on a system, or on one escalation, purging
 * skips what it covers. A lifted hold stays, with who lifted it, when and why.
 */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    /** Null: the hold covers every escalation of the system. */
    escalationId: text("escalation_id").references(() => escalations.id),
    reason: text("reason").notNull(),
    placedBy: text("placed_by")
      .notNull()
      .references(() => users.id),
    placedAt: bigint("placed_at", { mode: "number" }).notNull(),
    liftedBy: text("lifted_by").references(() => users.id),
    liftedAt: bigint("lifted_at", { mode: "number" }),
    liftReason: text("lift_reason"),
  },
  (t) => [index("legal_holds_system_idx").on(t.systemId, t.liftedAt), index("legal_holds_escalation_idx").on(t.escalationId)],
);

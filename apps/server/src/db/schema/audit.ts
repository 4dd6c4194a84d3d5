import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ActorType, AuditAction } from "@countersign/shared/audit";

/**
 * Append-only, hash-chained. Triggers in the migration abort every UPDATE and DELETE.
 * Personal data stays out: actors and subjects are referenced by id.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actorType: text("actor_type").$type<ActorType>().notNull(),
    actorId: text("actor_id"),
    action: text("action").$type<AuditAction>().notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    payload: text("payload").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

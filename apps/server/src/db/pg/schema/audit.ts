import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import type { ActorType, AuditAction } from "@countersign/shared/audit";

/**
 * Append-only, hash-chained. Triggers in the migration abort every UPDATE and DELETE.
 * Personal data stays out: actors and subjects are referenced by id.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
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
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId), index("audit_log_at_idx").on(t.at)],
);

/**
 * Signed checkpoints: the log's size and head hash at a moment, signed with the server's
 * Ed25519 key over canonical JSON { size, head, at }. Append-only like the log (triggers in the
 * migration); only the witness delivery time may be set later.
 */
export const checkpoints = pgTable(
  "checkpoints",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    size: bigint("size", { mode: "number" }).notNull(),
    head: text("head").notNull(),
    at: text("at").notNull(),
    /** Base64 Ed25519 signature over canonicalJson({ size, head, at }). */
    signature: text("signature").notNull(),
    /** SHA-256 of the public key (SPKI DER), hex: which key signed. */
    keyId: text("key_id").notNull(),
    witnessedAt: bigint("witnessed_at", { mode: "number" }),
  },
  (t) => [index("checkpoints_size_idx").on(t.size), index("checkpoints_witness_idx").on(t.witnessedAt)],
);

import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { OversightMode } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";

export const aiSystems = sqliteTable("ai_systems", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  oversightMode: text("oversight_mode").$type<OversightMode>().notNull(),
  policy: text("policy", { mode: "json" }).$type<ReviewPolicy>().notNull(),
  createdAt: integer("created_at").notNull(),
});

/** API keys for machine clients; only the SHA-256 of the key is stored. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    label: text("label").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_keys_system_idx").on(t.systemId)],
);

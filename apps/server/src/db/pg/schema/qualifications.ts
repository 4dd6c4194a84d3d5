import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { jsonText } from "./json-text";
import type { Authority } from "@countersign/shared/qualifications";
import { aiSystems } from "./systems";
import { users } from "./users";

/**
 * A reviewer's competence for one AI system (EU AI Act Art. 26(2)): the training, when it was
 * obtained and when it expires, and the authority granted. Revoking keeps the row, so every
 * verification can still name the qualification it was made under.
 */
export const qualifications = pgTable(
  "qualifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    systemId: text("system_id")
      .notNull()
      .references(() => aiSystems.id),
    training: text("training").notNull(),
    obtainedAt: bigint("obtained_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    /** A set of review, override and stop, as a JSON array in that order. */
    authority: jsonText("authority").$type<Authority[]>().notNull(),
    grantedBy: text("granted_by"),
    grantedAt: bigint("granted_at", { mode: "number" }).notNull(),
    revokedAt: bigint("revoked_at", { mode: "number" }),
    revokedBy: text("revoked_by"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    index("qualifications_user_system_idx").on(t.userId, t.systemId, t.expiresAt),
    index("qualifications_system_idx").on(t.systemId),
  ],
);

import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { escalations } from "../../db/schema/escalations";
import { prepared } from "../../lib/prepared";

const rowById = (db: Db | Tx) => db.select().from(escalations).where(eq(escalations.id, sql.placeholder("escalationId"))).prepare();

/** One escalation's row, by a statement prepared once per database: a decision reads it twice. */
export function escalationById(db: Db | Tx, escalationId: string) {
  return prepared(db, rowById).get({ escalationId });
}

import { desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { aiSystems, apiKeys } from "../../db/schema/systems";
import { AppError } from "../../lib/errors";
import { prepared } from "../../lib/prepared";

export function listSystems(db: Db) {
  return db.select().from(aiSystems).orderBy(aiSystems.name).all();
}

const rowById = (db: Db | Tx) => db.select().from(aiSystems).where(eq(aiSystems.id, sql.placeholder("id"))).prepare();

/** A system by its id, by a statement prepared once per connection: the review screen reads it for every item. */
export async function systemById(db: Db | Tx, id: string) {
  const system = await prepared(db, rowById).get({ id });
  if (!system) throw new AppError("NOT_FOUND", "no such AI system", [{ path: "systemId", message: "no AI system has this id" }]);
  return system;
}

export async function systemBySlug(db: Db | Tx, slug: string) {
  const system = await db.select().from(aiSystems).where(eq(aiSystems.slug, slug)).get();
  if (!system) throw new AppError("NOT_FOUND", `no AI system with slug "${slug}"`, [{ path: "system", message: "unknown slug" }]);
  return system;
}

export function listKeys(db: Db, systemId: string) {
  return db
    .select({
      id: apiKeys.id,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.systemId, systemId))
    .orderBy(desc(apiKeys.createdAt))
    .all();
}

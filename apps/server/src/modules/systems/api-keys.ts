import { and, eq, isNull, sql } from "drizzle-orm";
import { aiSystems, apiKeys } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, randomToken, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { systemById } from "./queries";

const keyPrefix = "cs_";

/** Issues a key; the plain key is returned once and only its SHA-256 is stored. */
export function issueApiKey(deps: Deps, actor: Actor, systemId: string, label = "default") {
  const key = `${keyPrefix}${randomToken(32)}`;
  const id = newId("key");
  const now = deps.now();
  const prefix = key.slice(0, keyPrefix.length + 6);
  write(deps.db, (tx) => {
    systemById(tx, systemId);
    tx.insert(apiKeys).values({ id, systemId, label, prefix, keyHash: sha256(key), createdAt: now }).run();
    appendAudit(tx, actor, now, { action: "api_key.issued", entityType: "api_key", entityId: id, payload: { systemId, label, prefix } });
  });
  return { id, key, prefix };
}

export function revokeApiKey(deps: Deps, actor: Actor, keyId: string) {
  const now = deps.now();
  write(deps.db, (tx) => {
    const revoked = tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning({ systemId: apiKeys.systemId })
      .get();
    if (!revoked) {
      throw new AppError("NOT_FOUND", "no active API key with this id", [{ path: "keyId", message: "unknown or already revoked" }]);
    }
    appendAudit(tx, actor, now, { action: "api_key.revoked", entityType: "api_key", entityId: keyId, payload: { systemId: revoked.systemId } });
  });
}

// Every REST request authenticates: the lookup is prepared once per database, not rebuilt.
const lookups = new WeakMap<Deps["db"], ReturnType<typeof prepareLookup>>();
const prepareLookup = (db: Deps["db"]) =>
  db
    .select({ id: aiSystems.id, slug: aiSystems.slug, keyId: apiKeys.id, requestsPerMinute: aiSystems.apiRequestsPerMinute })
    .from(apiKeys)
    .innerJoin(aiSystems, eq(aiSystems.id, apiKeys.systemId))
    .where(and(eq(apiKeys.keyHash, sql.placeholder("keyHash")), isNull(apiKeys.revokedAt)))
    .prepare();

/** The AI system a bearer key belongs to (with the key's id and allowance), or null for a missing, unknown or revoked key. */
export function systemForApiKey(deps: Deps, key: string | undefined) {
  if (!key?.startsWith(keyPrefix)) return null;
  let lookup = lookups.get(deps.db);
  if (!lookup) lookups.set(deps.db, (lookup = prepareLookup(deps.db)));
  return lookup.get({ keyHash: sha256(key) }) ?? null;
}

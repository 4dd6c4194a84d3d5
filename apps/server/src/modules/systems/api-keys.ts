import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../../db/schema/systems";
import type { Actor, Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { newId, randomToken, sha256 } from "../../lib/hash";
import { statement } from "../../lib/prepared";
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

// Every REST request authenticates: one indexed lookup, prepared once per connection and run
// by better-sqlite3 itself (drizzle's mapping of each value cost more than the lookup). Never
// cached: a key revoked or a limit changed, by the workbench or the CLI, counts on the next request.
const lookupSql = `SELECT s.id AS id, s.slug AS slug, k.id AS keyId, s.api_requests_per_minute AS requestsPerMinute
  FROM api_keys k JOIN ai_systems s ON s.id = k.system_id
  WHERE k.key_hash = ? AND k.revoked_at IS NULL`;

/** The AI system a bearer key belongs to (with the key's id and allowance), or null for a missing, unknown or revoked key. */
export function systemForApiKey(deps: Deps, key: string | undefined): { id: string; slug: string; keyId: string; requestsPerMinute: number } | null {
  if (!key?.startsWith(keyPrefix)) return null;
  return (statement(deps.db, lookupSql).get(sha256(key)) as { id: string; slug: string; keyId: string; requestsPerMinute: number } | undefined) ?? null;
}

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
export async function issueApiKey(deps: Deps, actor: Actor, systemId: string, label = "default") {
  const key = `${keyPrefix}${randomToken(32)}`;
  const id = newId("key");
  const now = deps.now();
  const prefix = key.slice(0, keyPrefix.length + 6);
  await write(deps.db, async (tx) => {
    await systemById(tx, systemId);
    await tx.insert(apiKeys).values({ id, systemId, label, prefix, keyHash: sha256(key), createdAt: now }).run();
    await appendAudit(tx, actor, now, { action: "api_key.issued", entityType: "api_key", entityId: id, payload: { systemId, label, prefix } });
  });
  return { id, key, prefix };
}

export async function revokeApiKey(deps: Deps, actor: Actor, keyId: string) {
  const now = deps.now();
  await write(deps.db, async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning({ systemId: apiKeys.systemId })
      .get();
    if (!revoked) {
      throw new AppError("NOT_FOUND", "no active API key with this id", [{ path: "keyId", message: "unknown or already revoked" }]);
    }
    await appendAudit(tx, actor, now, { action: "api_key.revoked", entityType: "api_key", entityId: keyId, payload: { systemId: revoked.systemId } });
  });
  forgetVerifiedKeys(deps.db);
}

/** The AI system a key acts for: which key (named in the audit entries it causes) and its allowance of requests. */
type KeySystem = { id: string; slug: string; keyId: string; requestsPerMinute: number };

// Every REST request authenticates: one indexed lookup, prepared once per connection and run
// by better-sqlite3 itself (drizzle's mapping of each value cost more than the lookup).
const lookupSql = `SELECT s.id AS id, s.slug AS slug, k.id AS keyId, s.api_requests_per_minute AS requestsPerMinute
  FROM api_keys k JOIN ai_systems s ON s.id = k.system_id
  WHERE k.key_hash = ? AND k.revoked_at IS NULL`;

/** The AI system a bearer key belongs to (with the key's id and allowance), or null for a missing, unknown or revoked key. */
export async function systemForApiKey(deps: Deps, key: string | undefined): Promise<KeySystem | null> {
  if (!key?.startsWith(keyPrefix)) return null;
  return (await statement(deps.db, lookupSql).get(sha256(key)) as KeySystem | undefined) ?? null;
}

/*
 * The single-escalation intake's keys, remembered for a few seconds after they authenticated.
 * In WAL mode each lookup outside a transaction opens a read transaction of its own, and that
 * cost the intake about a tenth of its time per request. Remembering is safe only where the key
 * is verified again inside the write transaction that acts on it (keyStillActive): a revocation
 * committed before that write, by this process or by the CLI, refuses the request; one committed
 * after it came too late for that escalation under any scheme. A read has no write to verify in,
 * so nothing else may use this. The few seconds bound how long an allowance changed elsewhere
 * takes to count; changes made by this process forget the remembered keys at once.
 */
const rememberedForMs = 5_000;
const rememberedAtMost = 1_000;
const remembered = new WeakMap<Deps["db"], Map<string, { system: KeySystem; until: number }>>();

/** systemForApiKey for a route that calls keyStillActive inside the write transaction the request causes. */
export async function systemForKeyVerifiedInWrite(deps: Deps, key: string | undefined): Promise<KeySystem | null> {
  if (!key?.startsWith(keyPrefix)) return null;
  let keys = remembered.get(deps.db);
  if (!keys) remembered.set(deps.db, (keys = new Map()));
  const hash = sha256(key);
  const now = performance.now();
  const known = keys.get(hash);
  if (known && known.until > now) return known.system;
  const system = (await statement(deps.db, lookupSql).get(hash) as KeySystem | undefined) ?? null;
  if (!system) keys.delete(hash);
  else {
    if (keys.size >= rememberedAtMost) keys.clear();
    keys.set(hash, { system, until: now + rememberedForMs });
  }
  return system;
}

/**
 * Whether the key is still active, read inside the caller's write transaction (IMMEDIATE: every
 * revocation committed before it is seen). A revoked key is forgotten at once.
 */
export async function keyStillActive(db: Deps["db"], keyId: string): Promise<boolean> {
  const active = await statement(db, "SELECT 1 FROM api_keys WHERE id = ? AND revoked_at IS NULL").get(keyId) !== undefined;
  if (!active) forgetVerifiedKeys(db);
  return active;
}

/** After a key is revoked or an allowance changed: the next request looks its key up again. */
export function forgetVerifiedKeys(db: Deps["db"]) {
  remembered.get(db)?.clear();
}

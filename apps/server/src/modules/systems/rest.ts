import { Hono } from "hono";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { openTo, requireApiKey, type RestEnv } from "../../lib/rest";
import { signingKeyFor } from "../audit/signing-key";
import { recordStateSeen } from "./state-seen";
import { signedStopState, stopStateReader } from "./stop-state";

/**
 * REST for AI systems: has a human pressed stop? Cheap enough to poll every second. The body is
 * signed with the instance's Ed25519 key (GET /api/v1/public-key): `signature` is over the
 * canonical JSON (RFC 8785) of every other field, so a client can tell the state came from this
 * Countersign, and `seq` (per system, up with each halt or resume) with `issuedAt` lets it refuse
 * a replayed older state. The first read of each new state is recorded, once.
 */
export function systemRoutes(deps: Deps) {
  const stopState = stopStateReader(deps.db);
  // Polled every second by each AI system: a state is signed at most once per second (issuedAt
  // is whole seconds), so the signature does not multiply the cost of a poll.
  const signed = new Map<string, { version: string; body: Record<string, unknown> }>();
  return new Hono<RestEnv>().get("/", requireApiKey(deps, "readStopState"), (c) => {
    const system = c.var.system;
    const read = stopState(system.id);
    if (!read) throw new AppError("NOT_FOUND", "the AI system of this key no longer exists");
    if (read.seenAt === null) recordStateSeen(deps, system, read.state);
    const now = deps.now();
    const version = JSON.stringify([read.state, Math.floor(now / 1000)]);
    let cached = signed.get(system.id);
    if (cached?.version !== version) {
      cached = { version, body: signedStopState(signingKeyFor(deps.db), read.state, now) };
      signed.set(system.id, cached);
    }
    c.header("Cache-Control", "no-store");
    return c.json(cached.body);
  });
}

/** The instance's public signing key, for AI systems and auditors to check signatures: PEM, JWK and its id. */
export function publicKeyRoutes(deps: Deps) {
  return new Hono().get("/", openTo("readPublicKey"), (c) => {
    const key = signingKeyFor(deps.db);
    c.header("Cache-Control", "public, max-age=300");
    return c.json({
      algorithm: "Ed25519",
      keyId: key.keyId,
      pem: key.publicKeyPem,
      jwk: { ...key.publicKey.export({ format: "jwk" }), kid: key.keyId, alg: "EdDSA", use: "sig" },
      signs: "GET /api/v1/system: the canonical JSON (RFC 8785) of the body without its signature field; audit checkpoints and proof packs",
    });
  });
}

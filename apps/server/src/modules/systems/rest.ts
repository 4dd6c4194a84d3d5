import { Hono } from "hono";
import type { Deps } from "../../lib/context";
import { openTo, requireApiKey, type RestEnv } from "../../lib/rest";
import { signingKeyFor } from "../../audit/signing-key";
import { signedStopStates } from "./signed-state";

/** REST for AI systems: has a human pressed stop? Cheap enough to poll every second; signed (see signed-state.ts). */
export function systemRoutes(deps: Deps) {
  const signedState = signedStopStates(deps);
  return new Hono<RestEnv>().get("/", requireApiKey(deps, "readStopState"), async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await signedState(c.var.system));
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

import canonicalize from "canonicalize";
import type { PublicKey, SystemState } from "@countersign/shared/rest-api";

/**
 * Checks the stop state's Ed25519 signature with WebCrypto (Node 20+, browsers, edge runtimes):
 * the signature is over the RFC 8785 canonical JSON of the body without its `signature` field.
 * Any doubt (wrong key, malformed signature, unsupported runtime) answers false.
 */
export async function stateSignatureVerifies(state: SystemState, key: PublicKey): Promise<boolean> {
  try {
    if (state.keyId !== key.keyId || typeof state.signature !== "string") return false;
    const { signature, ...signed } = state;
    const text = canonicalize(signed);
    if (text === undefined) return false;
    const publicKey = await crypto.subtle.importKey("jwk", { kty: String(key.jwk.kty), crv: String(key.jwk.crv), x: String(key.jwk.x) }, { name: "Ed25519" }, false, [
      "verify",
    ]);
    return await crypto.subtle.verify({ name: "Ed25519" }, publicKey, base64Bytes(signature), new TextEncoder().encode(text));
  } catch {
    return false;
  }
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Db } from "../db/client";
import { canonicalJson } from "../lib/hash";

export const signingKeyFileName = "countersign-signing-key.pem";

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; keyId: string };

const keys = new WeakMap<Db, SigningKey>();
const keyFiles = new WeakMap<object, string | null>();

/**
 * Where a database's key lives when it is not a SQLite file's neighbour: on PostgreSQL, a file every
 * server process of the instance reads (COUNTERSIGN_SIGNING_KEY_FILE), or null for a key kept in
 * memory (a test's database). Never in the database: whoever can write the log must not hold the key.
 */
export function useSigningKeyFile(db: object, path: string | null) {
  keyFiles.set(db, path === null ? null : resolve(path));
}

function keyPathOf(db: Db): string | null {
  if (keyFiles.has(db)) return keyFiles.get(db)!;
  const name = (db.$client as { name?: unknown }).name;
  return typeof name === "string" ? signingKeyPath(name) : null;
}

/** Where the key of the database at this path lives: beside it. An in-memory database keeps its key in memory. */
export function signingKeyPath(dbPath: string): string | null {
  if (dbPath === ":memory:" || dbPath === "") return null;
  return join(dirname(resolve(dbPath)), signingKeyFileName);
}

/** SHA-256 (hex) of the public key's SPKI DER form: names the key in checkpoints and packs. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey), keyId: keyIdOf(publicKey) };
}

/**
 * The server's Ed25519 signing key, created on first use beside the database (mode 0600). Two
 * processes creating it at once agree: the file is created exclusively and the loser reads it.
 */
export function signingKeyFor(db: Db): SigningKey {
  const cached = keys.get(db);
  if (cached) return cached;
  const path = keyPathOf(db);
  let key: SigningKey;
  if (!path) {
    key = fromPrivateKey(generateKeyPairSync("ed25519").privateKey);
  } else {
    if (!existsSync(path)) {
      const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      mkdirSync(dirname(path), { recursive: true });
      try {
        writeFileSync(path, pem, { flag: "wx", mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    key = fromPrivateKey(createPrivateKey(readFileSync(path, "utf8")));
  }
  keys.set(db, key);
  return key;
}

/** The key if it exists, without creating one: for checking, never for signing. */
export function existingSigningKey(db: Db): SigningKey | null {
  const cached = keys.get(db);
  if (cached) return cached;
  const path = keyPathOf(db);
  if (!path || !existsSync(path)) return null;
  return signingKeyFor(db);
}

/** Ed25519 over the canonical JSON of a value; base64. */
export function signValue(key: KeyObject, value: unknown): string {
  return sign(null, Buffer.from(canonicalJson(value), "utf8"), key).toString("base64");
}

export function verifyValue(publicKey: KeyObject, value: unknown, signature: string): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(value), "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

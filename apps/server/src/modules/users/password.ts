import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";

// scrypt is memory-hard; N=2^15, r=8 uses 32 MiB per hash. Parameters travel with the hash
// so they can be raised later without invalidating stored passwords.
const N = 2 ** 15;
const r = 8;
const p = 1;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

/**
 * Creating a user hashes synchronously: it is an admin's or the operator's act, never an
 * anonymous one. Checking a password (anyone can ask for that) runs in libuv's thread pool.
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, keyLength, { N, r, p, maxmem });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

// Hashes run on all cores but one (at least one hash at a time), so a storm of sign-ins leaves a
// core to the event loop; libuv's pool alone would run four 32 MiB hashes at once on two cores.
const maxParallelHashes = Math.max(1, availableParallelism() - 1);
let runningHashes = 0;
const waitingHashes: (() => void)[] = [];

async function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions) {
  if (runningHashes < maxParallelHashes) runningHashes++;
  else await new Promise<void>((start) => waitingHashes.push(start)); // a finishing hash hands its slot over
  try {
    return await new Promise<Buffer>((resolve, reject) =>
      scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
    );
  } finally {
    const next = waitingHashes.shift();
    if (next) next();
    else runningHashes--;
  }
}

/** Off the event loop: forty sign-ins at once must not stall every other request for a second. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !rr || !pp || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scryptAsync(password.normalize("NFKC"), Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash that never matches, checked against when the email is unknown so timing reveals nothing. */
export const unmatchableHash = hashPassword(randomBytes(16).toString("hex"));

export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}

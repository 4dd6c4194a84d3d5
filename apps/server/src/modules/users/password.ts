import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from "node:crypto";

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

const scryptAsync = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

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

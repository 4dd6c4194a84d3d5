/**
 * Whether PostgreSQL refused a value its text cannot hold (SQLSTATE 22021, character_not_in_repertoire:
 * a NUL, U+0000). Input that reaches a query unchecked — an id in a URL — is bad input, not a fault.
 */
export function isUnstorableText(error: unknown): boolean {
  for (let e = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "22021") return true;
  }
  return false;
}

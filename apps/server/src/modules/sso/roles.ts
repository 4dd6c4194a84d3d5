import type { Role } from "@countersign/shared/enums";

/**
 * The Countersign roles a provider's claims grant through the role map. The claim may be a list
 * or one string of names separated by commas or spaces, and may be nested (`realm_access.roles`).
 * A group the map does not name grants nothing.
 */
export function rolesFromClaims(claims: Record<string, unknown>, rolesClaim: string, roleMap: ReadonlyArray<readonly [string, Role]>): Role[] {
  const groups = new Set(groupNames(claimAt(claims, rolesClaim)));
  const granted = new Set<Role>();
  for (const [group, role] of roleMap) if (groups.has(group)) granted.add(role);
  return [...granted].sort();
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function groupNames(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

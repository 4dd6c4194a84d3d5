import type { Role } from "@countersign/shared/enums";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../lib/trpc";

/** The signed-in user (null when signed out). Shared by every feature; the server checks roles anyway. */
export function useCurrentUser() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
}

export function hasRole(user: { roles: Role[] } | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** Leads, auditors and admins read the trail; reviewers work the queue. */
export const trailRoles: Role[] = ["lead", "auditor", "admin"];

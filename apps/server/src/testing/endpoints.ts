import type { Permission } from "@countersign/shared/permissions";
import type { buildApp } from "../app";
import { permissionDeclaredBy } from "../lib/rest";
import type { ProcedureMeta } from "../trpc/init";
import { appRouter } from "../trpc/router";

type ProcedureDef = { _def: { type: "query" | "mutation" | "subscription"; meta?: Partial<ProcedureMeta> } };

/** Every tRPC procedure of the workbench, by path, with the permission it was built with (if any). */
export function trpcProcedures() {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    permission: procedure._def.meta?.permission as Permission | undefined,
  }));
}

/**
 * Every HTTP endpoint of the app except tRPC (listed above), with the permission its handler chain
 * declares. Middleware mounted with `use` (method ALL: secure headers, static files, tRPC itself)
 * is not an endpoint.
 */
export function httpRoutes(app: Awaited<ReturnType<typeof buildApp>>) {
  const byRoute = new Map<string, { method: string; path: string; permissions: Permission[] }>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue;
    const key = `${route.method} ${route.path}`;
    const entry = byRoute.get(key) ?? { method: route.method, path: route.path, permissions: [] };
    const permission = permissionDeclaredBy(route.handler);
    if (permission) entry.permissions.push(permission);
    byRoute.set(key, entry);
  }
  return [...byRoute.values()];
}

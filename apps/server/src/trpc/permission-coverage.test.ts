import { describe, expect, it } from "vitest";
import { can, permissions } from "@countersign/shared/permissions";
import { buildApp } from "../app";
import { httpRoutes, trpcProcedures } from "../testing/endpoints";
import { testDeps } from "../testing/fixtures";

const routes = httpRoutes(buildApp(testDeps().deps));
const procedures = trpcProcedures();

describe("the permission table covers every door", () => {
  it("every tRPC procedure is built with a permission of the table that a workbench user can hold", () => {
    const without = procedures.filter((p) => !p.permission || !(p.permission in can)).map((p) => p.path);
    expect(without, "procedures without a permission: build them with procedureWith(…)").toEqual([]);
    const byApiKey = procedures.filter((p) => can[p.permission!].holder === "apiKey").map((p) => p.path);
    expect(byApiKey, "tRPC never sees an API key").toEqual([]);
  });

  it("every HTTP route declares exactly one permission of the table", () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(["POST /api/v1/escalations", "GET /exports/proof-pack"]));
    const wrong = routes.filter((r) => r.permissions.length !== 1).map((r) => `${r.method} ${r.path}: ${r.permissions.join(", ") || "none"}`);
    expect(wrong, "routes must start with requireApiKey, requireSession or openTo").toEqual([]);
  });

  it("REST and MCP routes for AI systems take an API key; workbench routes never do", () => {
    // The public signing key is public by design: anyone may check a signature with it; so is the API's description.
    const publicByDesign = new Set<string>(["readPublicKey", "readApiDescription"]);
    for (const route of routes.filter((r) => !(r.path.startsWith("/api/v1/") && publicByDesign.has(r.permissions[0]!)))) {
      const holder = can[route.permissions[0]!].holder;
      const forAiSystems = route.path.startsWith("/api/v1/") || route.path === "/mcp";
      expect(holder === "apiKey", `${route.method} ${route.path}`).toBe(forAiSystems);
    }
  });

  it("every permission in the table guards at least one procedure or route", () => {
    const used = new Set([...procedures.map((p) => p.permission), ...routes.flatMap((r) => r.permissions)]);
    expect(permissions.filter((p) => !used.has(p))).toEqual([]);
  });
});

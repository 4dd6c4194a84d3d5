import { describe, expect, it } from "vitest";
import { roles } from "./enums";
import { can, hasPermission, permissions, rolesWith } from "./permissions";

describe("the permission table", () => {
  it("names at least one role for every permission held by roles, and only roles that exist", () => {
    for (const permission of permissions) {
      const rule = can[permission];
      if (rule.holder !== "roles") continue;
      expect(rule.roles.length, permission).toBeGreaterThan(0);
      for (const role of rule.roles) expect(roles, permission).toContain(role);
    }
  });

  it("a visitor holds only what is open to anyone", () => {
    expect(permissions.filter((p) => hasPermission(null, p))).toEqual(permissions.filter((p) => can[p].holder === "anyone"));
  });

  it("a workbench user never holds what an AI system's API key holds, whatever their roles", () => {
    const everyRole = { roles: roles };
    expect(permissions.filter((p) => can[p].holder === "apiKey" && hasPermission(everyRole, p))).toEqual([]);
  });

  it("a user holds a role permission through any one of its roles", () => {
    expect(hasPermission({ roles: ["reviewer", "lead"] }, "resolveDisputes")).toBe(true);
    expect(hasPermission({ roles: ["admin"] }, "resolveDisputes")).toBe(false);
    expect(rolesWith("stopSystems")).toEqual(["reviewer", "lead", "admin"]);
  });
});

import { describe, expect, it } from "vitest";
import { rolesFromClaims } from "./roles";

const map = [
  ["cs-reviewers", "reviewer"],
  ["cs-leads", "lead"],
  ["cs-review-leads", "reviewer"],
] as const;

describe("roles from the provider's groups", () => {
  it("grants each mapped role once, ignoring groups the map does not name", () => {
    expect(rolesFromClaims({ groups: ["cs-leads", "cs-reviewers", "cs-review-leads", "everyone"] }, "groups", map)).toEqual(["lead", "reviewer"]);
  });

  it("reads a claim given as one string, and a nested claim such as realm_access.roles", () => {
    expect(rolesFromClaims({ groups: "cs-leads, everyone" }, "groups", map)).toEqual(["lead"]);
    expect(rolesFromClaims({ realm_access: { roles: ["cs-reviewers"] } }, "realm_access.roles", map)).toEqual(["reviewer"]);
  });

  it("grants nothing when the claim is missing or not a list of names", () => {
    expect(rolesFromClaims({}, "groups", map)).toEqual([]);
    expect(rolesFromClaims({ groups: [7, { name: "cs-leads" }] }, "groups", map)).toEqual([]);
  });
});

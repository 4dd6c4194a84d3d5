import { describe, expect, it } from "vitest";
import { countersign, useTempDatabase } from "./testing";

const temp = useTempDatabase();
const cs = (...argv: string[]) => countersign(["--db", temp.dbPath, ...argv]);

describe("countersign qualification", () => {
  it("grants a reviewer a qualification for a system and lists it", async () => {
    await cs("user", "add", "--email", "ana@example.com", "--name", "Ana Lima", "--roles", "reviewer");
    await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "HOTL");
    const granted = await cs(
      "qualification", "grant", "--email", "ana@example.com", "--system", "refund-triage",
      "--training", "Refund policy course 2026", "--expires", "2099-01-01T00:00:00Z", "--authority", "review,override,stop",
    );
    expect(granted.stderr).toBe("");
    expect(granted.stdout).toContain("Ana Lima is qualified for refund-triage until 2099-01-01T00:00:00Z with authority review, override, stop.");
    const list = await cs("qualification", "list");
    expect(list.stdout).toMatch(/ana@example.com\s+refund-triage\s+in_force\s+2099-01-01T00:00:00Z\s+review,override,stop\s+Refund policy course 2026/);
  });

  it("names the problem with an unknown authority or a past expiry", async () => {
    await cs("user", "add", "--email", "ana@example.com", "--name", "Ana Lima", "--roles", "reviewer");
    await cs("system", "add", "--slug", "refund-triage", "--name", "Refund triage", "--mode", "HOTL");
    const base = ["qualification", "grant", "--email", "ana@example.com", "--system", "refund-triage", "--training", "Course"];
    const badAuthority = await cs(...base, "--expires", "2099-01-01T00:00:00Z", "--authority", "review,approve-all");
    expect(badAuthority.code).not.toBe(0);
    expect(badAuthority.stderr).toContain("authority must be a comma-separated list from: review, override, stop");
    const past = await cs(...base, "--expires", "2020-01-01T00:00:00Z", "--obtained", "2019-01-01T00:00:00Z");
    expect(past.code).toBe(1);
    expect(past.stderr).toContain("expiresAt is already past");
  });
});

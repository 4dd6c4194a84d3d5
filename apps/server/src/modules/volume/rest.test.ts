import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CountersignError, type Countersign, type VolumeInput } from "@countersign/client";
import { buildApp } from "../../app";
import { operator } from "../../lib/context";
import { addSystem, testDeps } from "../../testing/fixtures";
import { listening } from "../../testing/listening";
import { machineClient } from "../../testing/operations";
import { issueApiKey, revokeApiKey } from "../systems/api-keys";
import { verifyAuditLog } from "../../audit/verify";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
/** Raw HTTP, for what a well-behaved client never sends. */
let gateway: Awaited<ReturnType<typeof machineClient>>;
let server: Awaited<ReturnType<typeof listening>>;
let client: Countersign;
let systemId: string;

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => expect.fail("expected a refusal"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CountersignError);
  return error as CountersignError;
};

const day = { periodStart: "2026-11-21T00:00:00Z", periodEnd: "2026-11-22T00:00:00Z", total: 1000, escalated: 100 };

beforeEach(async () => {
  t = testDeps();
  const { key, system } = await addSystem(t.deps);
  systemId = system.id;
  const app = buildApp(t.deps);
  gateway = machineClient(app, key);
  server = await listening(app);
  client = server.client(key);
});
afterEach(async () => {
  await server.close();
});

describe("POST /api/v1/volume", () => {
  it("stores a period's volume and answers 201 with its id", async () => {
    expect(await client.reportVolume(day)).toEqual({
      created: true,
      id: expect.stringMatching(/^vol_/),
      periodStart: "2026-11-21T00:00:00.000Z",
      periodEnd: "2026-11-22T00:00:00.000Z",
      total: 1000,
      escalated: 100,
    });
    const audit = await statement(t.deps.db, "SELECT actor_type, action, entity_type FROM audit_log WHERE action = 'volume.reported'").all();
    expect(audit).toEqual([{ actor_type: "ai_system", action: "volume.reported", entity_type: "volume_report" }]);
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("is idempotent per period: the same figures again answer 200 with the same id, even in another time zone", async () => {
    const first = await client.reportVolume(day);
    const again = await client.reportVolume({ ...day, periodStart: "2026-11-21T01:00:00+01:00" });
    expect(again.created).toBe(false);
    expect(again.id).toBe(first.id);
  });

  it("refuses different figures for an already reported period with 409", async () => {
    await client.reportVolume(day);
    const error = await refusal(client.reportVolume({ ...day, total: 1200 }));
    expect(error).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(error.message).toMatch(/already reported with different figures/);
  });

  it("refuses a period that overlaps a reported one, naming that period", async () => {
    await client.reportVolume(day);
    const error = await refusal(client.reportVolume({ periodStart: "2026-11-21T12:00:00Z", periodEnd: "2026-11-22T12:00:00Z", total: 10 }));
    expect(error.status).toBe(409);
    expect(error.message).toContain("overlaps the already reported period 2026-11-21T00:00:00.000Z – 2026-11-22T00:00:00.000Z");
    expect(error.issues[0]!.path).toBe("periodStart");
    // A period that only touches it is fine, and so is the same period of another system.
    expect((await client.reportVolume({ periodStart: "2026-11-22T00:00:00Z", periodEnd: "2026-11-23T00:00:00Z", total: 5 })).created).toBe(true);
    expect((await client.reportVolume({ periodStart: "2026-11-20T00:00:00Z", periodEnd: "2026-11-21T00:00:00Z", total: 5 })).created).toBe(true);
    const other = server.client((await addSystem(t.deps, "kyc-document-check")).key);
    expect((await other.reportVolume(day)).created).toBe(true);
  });

  it("refuses a period inside a reported one and one that spans it", async () => {
    await client.reportVolume(day);
    const inside = await refusal(client.reportVolume({ periodStart: "2026-11-21T06:00:00Z", periodEnd: "2026-11-21T07:00:00Z", total: 1 }));
    const spanning = await refusal(client.reportVolume({ periodStart: "2026-11-20T12:00:00Z", periodEnd: "2026-11-23T00:00:00Z", total: 1 }));
    expect([inside.status, spanning.status]).toEqual([409, 409]);
  });

  it("names every bad field in a 400", async () => {
    const paths = async (body: unknown) => {
      const error = await refusal(client.reportVolume(body as VolumeInput));
      expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST" });
      return Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    };
    expect(await paths({ ...day, periodEnd: "2026-11-20T00:00:00Z" })).toEqual({ periodEnd: "periodEnd must be after periodStart" });
    expect(await paths({ ...day, escalated: 1001 })).toEqual({ escalated: "escalated must not exceed total" });
    expect(await paths({ ...day, total: -1, escalated: undefined })).toEqual({ total: "total must not be negative" });
    const many = await paths({ periodStart: "yesterday", total: 1.5, extra: true });
    expect(Object.keys(many)).toEqual(expect.arrayContaining(["periodStart", "periodEnd", "total"]));
    expect(many.periodStart).toMatch(/ISO 8601/);
    expect(Object.keys(many).some((p) => p === "(body)" || p === "extra")).toBe(true);
  });

  it("answers malformed JSON with a 400, not a 5xx", async () => {
    const res = await gateway.reportVolume('{"periodStart": ', { raw: true });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid JSON/);
  });

  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    expect((await gateway.reportVolume(day, { key: null })).status).toBe(401);
    expect((await refusal(server.client("cs_not-a-real-key").reportVolume(day))).status).toBe(401);
    const issued = await issueApiKey(t.deps, operator, systemId);
    await revokeApiKey(t.deps, operator, issued.id);
    const revoked = await refusal(server.client(issued.key).reportVolume(day));
    expect(revoked.status).toBe(401);
    expect(revoked.message).toMatch(/revoked/);
  });

  it("answers a body over 1 MiB with 413", async () => {
    const res = await gateway.reportVolume(`{"periodStart":"${"x".repeat(1024 * 1024 + 10)}"}`, { raw: true });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

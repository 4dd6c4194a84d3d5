import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Countersign, EscalationInput } from "@countersign/client";
import { buildApp } from "../../app";
import { addSystem, escalationBody, testDeps } from "../../testing/fixtures";
import { listening } from "../../testing/listening";
import { verifyAuditLog } from "../../audit/verify";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let server: Awaited<ReturnType<typeof listening>>;
let client: Countersign;
let key: string;

const count = async (table: string) => await statement(t.deps.db, `SELECT count(*) FROM ${table}`).value() as number;

beforeEach(async () => {
  t = testDeps();
  app = buildApp(t.deps);
  ({ key } = await addSystem(t.deps));
  server = await listening(app);
  client = server.client(key);
});
afterEach(async () => {
  await server.close();
});

describe("POST /api/v1/escalations/batch", () => {
  it("queues every valid item, refuses each invalid one on its own, and names the item in every issue path", async () => {
    const first = await client.escalate(escalationBody({ externalId: "known" }));
    const { contextSummary: _, ...withoutSummary } = escalationBody({ externalId: "no-summary" });
    const result = await client.escalateBatch([
      escalationBody({ externalId: "a" }),
      withoutSummary as EscalationInput,
      escalationBody({ externalId: "known" }),
      { ...escalationBody({ externalId: "known" }), confidence: 0.01 },
      escalationBody({ externalId: "b", traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } as Partial<EscalationInput>),
      escalationBody({ externalId: "c", traceparent: "00-nothex-00f067aa0ba902b7-01" } as Partial<EscalationInput>),
    ]);
    expect(result).toMatchObject({ created: 2, existing: 1, failed: 3 });
    expect(result.results.map((r) => r.result)).toEqual(["created", "error", "existing", "error", "created", "error"]);
    expect(result.results[2]).toMatchObject({ index: 2, id: first.id, externalId: "known", status: "queued" });
    const errors = result.results.filter((r) => r.result === "error");
    expect(errors.map((e) => [e.index, e.error.code, e.error.issues.map((i) => i.path)])).toEqual([
      [1, "BAD_REQUEST", ["items.1.contextSummary"]],
      [3, "CONFLICT", ["items.3.externalId"]],
      [5, "BAD_REQUEST", ["items.5.traceparent"]],
    ]);
    expect(await count("escalations")).toBe(3);
    expect(await count("audit_log WHERE action = 'escalation.received'")).toBe(3);
    expect((await client.findByExternalId("b")).traceparent).toBe("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("treats a repeated externalId inside one batch as the same escalation, or a conflict", async () => {
    const body = escalationBody({ externalId: "twice" });
    const result = await client.escalateBatch([body, body, { ...body, model: "other" }]);
    expect(result.results.map((r) => r.result)).toEqual(["created", "existing", "error"]);
    expect(await count("escalations")).toBe(1);
  });

  it("refuses an empty batch and one over 500 items as a whole", async () => {
    const empty = await app.request("/api/v1/escalations/batch", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ items: [] }),
    });
    expect(empty.status).toBe(400);
    const tooMany = await client.escalateBatch(Array.from({ length: 501 }, (_, i) => escalationBody({ externalId: `n-${i}` }))).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ status: 400, issues: [{ path: "items", message: "items may hold at most 500 escalations" }] });
    expect(await count("escalations")).toBe(0);
  });

  it("cannot be used without an API key", async () => {
    const res = await app.request("/api/v1/escalations/batch", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [escalationBody()] }) });
    expect(res.status).toBe(401);
    expect(await count("escalations")).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { receiveEscalation } from "./receive";
import { statement } from "../../lib/prepared";

const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

async function setup() {
  const t = testDeps();
  const { system } = await addSystem(t.deps);
  const admin = callerFor(t.deps, await addUser(t.deps, "admin@example.com", ["admin"]));
  const details = { systemId: system.id, name: system.name, description: "", oversightMode: "HOTL" as const };
  return { t, system, admin, details };
}

describe("trace links from the W3C traceparent", () => {
  it("the review screen and the auditor's timeline link the escalation to the AI system's trace through the system's template", async () => {
    const { t, system, admin, details } = await setup();
    await admin.systems.update({ ...details, traceLinkTemplate: "https://tracing.example.com/trace/{traceId}?span={spanId}" });
    const { id } = await receiveEscalation(t.deps, system.id, escalationBody(), { traceparent });
    const reviewer = callerFor(t.deps, await addUser(t.deps, "rev@example.com", ["reviewer"]));
    await reviewer.queue.claim({ escalationId: id });
    const link = "https://tracing.example.com/trace/4bf92f3577b34da6a3ce929d0e0e4736?span=00f067aa0ba902b7";
    expect((await reviewer.reviews.view({ escalationId: id })).trace).toEqual({ traceparent, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", link });
    const auditor = callerFor(t.deps, await addUser(t.deps, "auditor@example.com", ["auditor"]));
    expect((await auditor.reviews.detail({ escalationId: id })).trace).toMatchObject({ link });
  });

  it("shows the trace id without a link while the system has no template, and nothing without a traceparent", async () => {
    const { t, system, admin } = await setup();
    const traced = await receiveEscalation(t.deps, system.id, escalationBody(), { traceparent });
    const untraced = await receiveEscalation(t.deps, system.id, escalationBody());
    expect((await admin.reviews.detail({ escalationId: traced.id })).trace).toEqual({ traceparent, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", link: null });
    expect((await admin.reviews.detail({ escalationId: untraced.id })).trace).toBeNull();
  });

  it("an admin sets the template only as an https URL holding {traceId}; the change is audited, and blank removes it", async () => {
    const { t, admin, details } = await setup();
    for (const bad of ["http://tracing.example.com/trace/{traceId}", "https://tracing.example.com/trace", "javascript:alert(1)//{traceId}", "https://x.example.com/{traceId}/{other}"]) {
      await expect(admin.systems.update({ ...details, traceLinkTemplate: bad }), bad).rejects.toThrow(/traceLinkTemplate/);
    }
    await admin.systems.update({ ...details, traceLinkTemplate: "https://tracing.example.com/trace/{traceId}" });
    await admin.systems.update({ ...details, name: "Renamed" });
    expect((await admin.systems.list())[0]!.traceLinkTemplate).toBe("https://tracing.example.com/trace/{traceId}");
    await admin.systems.update({ ...details, traceLinkTemplate: null });
    expect((await admin.systems.list())[0]!.traceLinkTemplate).toBeNull();
    const payloads = await statement(t.deps.db, "SELECT payload FROM audit_log WHERE action = 'system.updated' ORDER BY seq").column() as string[];
    expect(JSON.parse(payloads[0]!).after.traceLinkTemplate).toBe("https://tracing.example.com/trace/{traceId}");
  });

  it("a lead cannot set a system's trace link template", async () => {
    const { t, details } = await setup();
    const lead = callerFor(t.deps, await addUser(t.deps, "lead@example.com", ["lead"]));
    await expect(lead.systems.update({ ...details, traceLinkTemplate: "https://tracing.example.com/trace/{traceId}" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

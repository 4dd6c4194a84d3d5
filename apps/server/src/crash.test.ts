import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "./db/client";
import { operator } from "./lib/context";
import { verifyAuditLog } from "./audit/verify";
import { issueApiKey } from "./modules/systems/api-keys";
import { createSystem } from "./modules/systems/create-system";
import { addUser, escalationBody, testPassword } from "./testing/fixtures";
import { sameOrigin, startServerProcess } from "./testing/server-process";

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("kill -9 during concurrent intake and decisions", () => {
  it("every acknowledged escalation and decision is there after a restart, and the audit log verifies", async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), "countersign-kill-")), "countersign.db");
    const setup = openDb(dbPath);
    const deps = { db: setup, now: Date.now };
    const policy = { checklist: [{ id: "checked", text: "Checked the output" }], minDwellSeconds: 0, minRationaleChars: 1, maxRationaleSimilarity: 1 };
    const system = await createSystem(deps, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL", policy });
    const { key } = await issueApiKey(deps, operator, system.id);
    const reviewers = ["r1@example.com", "r2@example.com", "r3@example.com"];
    for (const email of reviewers) await addUser(deps, email, ["reviewer"]);
    // Four clients posting as fast as they can: far above the default per-key allowance.
    setup.$client.prepare("UPDATE ai_systems SET api_requests_per_minute = 100000").run();
    setup.$client.close();

    const { process: server, base } = await startServerProcess({ COUNTERSIGN_DB: dbPath });
    const cookies = await Promise.all(
      reviewers.map(async (email) => {
        const res = await fetch(`${base}/trpc/auth.signIn`, { method: "POST", headers: sameOrigin(base), body: JSON.stringify({ email, password: testPassword }) });
        return res.headers.get("set-cookie")!.split(";")[0]!;
      }),
    );

    // Acknowledged = the client saw a success. Clients run until the server dies under them.
    const received = new Map<string, string>();
    const decided = new Map<string, string>();
    const intake = async (client: number) => {
      for (let n = 0; ; n++) {
        const body = escalationBody({ externalId: `client-${client}-${n}` });
        try {
          const res = await fetch(`${base}/api/v1/escalations`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
          if (res.status === 201) received.set(((await res.json()) as { id: string }).id, body.externalId);
        } catch {
          return;
        }
      }
    };
    const review = async (cookie: string, reviewer: number) => {
      const call = async (procedure: string, input: unknown) =>
        await fetch(`${base}/trpc/${procedure}`, { method: "POST", headers: { ...sameOrigin(base), cookie }, body: JSON.stringify(input) });
      for (let n = 0; ; n++) {
        try {
          const claim = (await (await call("queue.claimNext", {})).json()) as { result?: { data: { escalationId: string } | null } };
          const escalationId = claim.result?.data?.escalationId;
          if (!escalationId) {
            await pause(20);
            continue;
          }
          const rationale = `Reviewer ${reviewer}, decision ${n}: checked ${escalationId} against the order.`;
          const res = await call("reviews.decide", { escalationId, outcome: "approved", checklist: { checked: "yes" }, rationale });
          if (res.status === 200) decided.set(escalationId, rationale);
        } catch {
          return;
        }
      }
    };
    const clients = [...[0, 1, 2, 3].map(intake), ...cookies.map(review)];

    // Kill once enough has been acknowledged, whatever the time that took, with every client mid-flight.
    while (received.size < 80 || decided.size < 20) await pause(25);
    const exited = new Promise((done) => server.once("exit", done));
    server.kill("SIGKILL");
    await exited;
    await Promise.all(clients);

    const restarted = await startServerProcess({ COUNTERSIGN_DB: dbPath });
    try {
      // A reviewer may decide an escalation before its intake client has read the 201: check both.
      for (const id of new Set([...received.keys(), ...decided.keys()])) {
        const res = await fetch(`${restarted.base}/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } });
        expect(res.status, id).toBe(200);
        const stored = (await res.json()) as { externalId: string; decision?: { rationale: string } };
        if (received.has(id)) expect(stored.externalId).toBe(received.get(id));
        if (decided.has(id)) expect(stored.decision?.rationale, id).toBe(decided.get(id));
      }
    } finally {
      restarted.process.kill("SIGTERM");
      await restarted.exited;
    }

    // What `countersign audit verify` runs, in process: a third cold start would cost the test more than it shows.
    const after = openDb(dbPath);
    expect(await verifyAuditLog(after)).toMatchObject({ ok: true });
    after.$client.close();
  }, 240_000);
});

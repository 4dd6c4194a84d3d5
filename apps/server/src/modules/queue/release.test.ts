import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { addSystem, addUser, callerFor, escalationBody, testDeps, testPassword } from "../../testing/fixtures";
import { verifyAuditLog } from "../../audit/verify";
import { receiveEscalation } from "../escalations/receive";
import { statement } from "../../lib/prepared";

const json = { "content-type": "application/json" };

/** A reviewer signed in over HTTP, holding one claimed item. */
async function reviewerHoldingAnItem() {
  const t = testDeps();
  const { system } = await addSystem(t.deps);
  const { id } = await receiveEscalation(t.deps, system.id, escalationBody());
  const rev = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const app = buildApp(t.deps);
  const signIn = async () => {
    const res = await app.request("/trpc/auth.signIn", { method: "POST", headers: json, body: JSON.stringify({ email: rev.email, password: testPassword }) });
    return res.headers.get("set-cookie")!.split(";")[0]!;
  };
  const cookie = await signIn();
  await callerFor(t.deps, rev).queue.claim({ escalationId: id });
  const lease = async () =>
    await statement(t.deps.db, "SELECT status, lease_holder_id AS holder FROM escalations WHERE id = ?").get(id) as { status: string; holder: string | null };
  const releases = async () =>
    await statement(t.deps.db, "SELECT actor_id AS actor, payload FROM audit_log WHERE action = 'escalation.released' AND entity_id = ?").all(id);
  return { t, app, id, rev, cookie, signIn, lease, releases };
}

describe("leases of reviewers who left", () => {
  it("signing out hands the held item back to the queue, with an audit entry that says why", async () => {
    const { t, app, id, rev, cookie, lease, releases } = await reviewerHoldingAnItem();
    const out = await app.request("/trpc/auth.signOut", { method: "POST", headers: { ...json, cookie }, body: "{}" });
    expect(out.status).toBe(200);
    expect(await lease()).toEqual({ status: "queued", holder: null });
    expect(await releases()).toEqual([{ actor: rev.id, payload: '{"reason":"signed_out"}' }]);
    // Someone else can take it at once, without waiting out the lease.
    const other = await addUser(t.deps, "other@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, other).queue.claim({ escalationId: id })).resolves.toMatchObject({ escalationId: id });
    expect((await verifyAuditLog(t.deps.db)).ok).toBe(true);
  });

  it("signing out of one of two sessions keeps the lease: the reviewer may still be working in the other", async () => {
    const { app, rev, signIn, lease, releases } = await reviewerHoldingAnItem();
    const second = await signIn();
    await app.request("/trpc/auth.signOut", { method: "POST", headers: { ...json, cookie: second }, body: "{}" });
    expect(await lease()).toEqual({ status: "in_review", holder: rev.id });
    expect(await releases()).toEqual([]);
  });

  it("the closing review tab's keepalive release passes the same-origin guard and frees the item", async () => {
    const { app, id, cookie, lease, releases } = await reviewerHoldingAnItem();
    // What Chromium sends for fetch("/trpc/queue.release", { method: "POST", keepalive: true, ... }) on pagehide.
    const res = await app.request("http://localhost/trpc/queue.release", {
      method: "POST",
      headers: { ...json, cookie, origin: "http://localhost", "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
      body: JSON.stringify({ escalationId: id }),
    });
    expect(res.status).toBe(200);
    expect(await lease()).toEqual({ status: "queued", holder: null });
    expect(await releases()).toHaveLength(1);
  });

  it("a page on another site cannot release a reviewer's item with their cookie", async () => {
    const { app, id, rev, cookie, lease } = await reviewerHoldingAnItem();
    const res = await app.request("http://localhost/trpc/queue.release", {
      method: "POST",
      headers: { ...json, cookie, origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ escalationId: id }),
    });
    expect(res.status).toBe(403);
    expect(await lease()).toEqual({ status: "in_review", holder: rev.id });
  });

  it("another reviewer cannot release an item they do not hold", async () => {
    const { t, id, rev, lease } = await reviewerHoldingAnItem();
    const other = await addUser(t.deps, "other@example.com", ["reviewer"]);
    await expect(callerFor(t.deps, other).queue.release({ escalationId: id })).rejects.toThrow(/you do not hold this escalation/);
    expect(await lease()).toEqual({ status: "in_review", holder: rev.id });
  });
});

describe("who holds what, in the queue", () => {
  it("every reviewer sees the holder's name and when the lease runs out, and nothing of how long they have worked on it", async () => {
    const { t, id, rev } = await reviewerHoldingAnItem();
    const other = await addUser(t.deps, "other@example.com", ["reviewer"]);
    const { rows } = await callerFor(t.deps, other).queue.list({});
    const row = rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({ status: "in_review", leaseHolderName: rev.name, heldByMe: false, leaseExpiresAt: t.deps.now() + 15 * 60_000 });
    // Active time is the raw material of the leads' indicators (BRIEF: indicators are for leads), so the queue does not carry it.
    expect(Object.keys(row).filter((key) => /active|heartbeat|claimedAt/i.test(key))).toEqual([]);
  });
});

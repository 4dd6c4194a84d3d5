import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./db/client";
import { openPgDb, type PgDb } from "./db/pg/client";
import { freshPgDatabase, skipWithoutPostgres } from "./db/pg/test-database";
import { useSigningKeyFile } from "./audit/signing-key";
import { verifyAuditLog } from "./audit/verify";
import { operator } from "./lib/context";
import { sha256 } from "./lib/hash";
import { statement } from "./lib/prepared";
import { issueApiKey } from "./modules/systems/api-keys";
import { createSystem } from "./modules/systems/create-system";
import { escalationBody } from "./testing/fixtures";
import { sameOrigin, startServerProcess, type ServerProcess } from "./testing/server-process";
import { sessionCookie } from "./trpc/context";

/*
 * Issue #15: several server processes on one PostgreSQL database serve the same users. Two real
 * processes (src/main.ts); reviewers' sessions and items reach either one, as behind a load
 * balancer without sticky sessions. Nothing here is timed: the machine may be busy.
 *
 * The claimers only claim: each reviewer claims one item and keeps it, so "each item claimed
 * exactly once" is what the 1,000 claims show (a decision per item would time the review rules,
 * not the claim). Reviewers are written straight into the database (users, roles, a
 * qualification and a session each): the use cases would hash 1,300 passwords first.
 */

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const policy = { checklist: [{ id: "checked", text: "Checked the output" }], minDwellSeconds: 0, minRationaleChars: 1, maxRationaleSimilarity: 1, leaseMinutes: 60 };

type Reviewer = { id: string; cookie: string };

/** `count` reviewers qualified for the system, each with a session of their own, in four statements. */
async function addReviewers(pg: PgDb, systemId: string, prefix: string, count: number): Promise<Reviewer[]> {
  const now = Date.now();
  const ids = Array.from({ length: count }, (_, i) => `usr_${prefix}_${i}`);
  const tokens = ids.map(() => randomBytes(24).toString("base64url"));
  const run = (text: string, values: unknown[]) => pg.$client.query(text, values);
  await run(
    `INSERT INTO users (id, email, name, password_hash, active, created_at)
     SELECT id, id || '@example.com', id, '', TRUE, $2 FROM unnest($1::text[]) AS id`,
    [ids, now],
  );
  await run(`INSERT INTO user_roles (user_id, role) SELECT id, 'reviewer' FROM unnest($1::text[]) AS id`, [ids]);
  await run(
    `INSERT INTO qualifications (id, user_id, system_id, training, obtained_at, expires_at, authority, granted_by, granted_at)
     SELECT 'qual_' || id, id, $2, 'Oversight training', $3, $3 + 365 * 86400000::bigint, '["review","override","stop"]', 'operator', $3
       FROM unnest($1::text[]) AS id`,
    [ids, systemId, now - 86_400_000],
  );
  await run(
    `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) SELECT h, id, $3::bigint, $3::bigint + 86400000 FROM unnest($1::text[], $2::text[]) AS t(id, h)`,
    [ids, tokens.map(sha256), now],
  );
  return ids.map((id, i) => ({ id, cookie: `${sessionCookie}=${tokens[i]}` }));
}

/** POST /api/v1/escalations; the id when the server acknowledged it with 201. */
async function postEscalation(server: ServerProcess, key: string, externalId: string): Promise<string | null> {
  const res = await fetch(`${server.base}/api/v1/escalations`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(escalationBody({ externalId })),
  });
  return res.status === 201 ? ((await res.json()) as { id: string }).id : null;
}

/** queue.claimNext as the workbench calls it: the claimed item's id, or null when nothing was free. */
async function claimNext(server: ServerProcess, reviewer: Reviewer): Promise<string | null> {
  const res = await fetch(`${server.base}/trpc/queue.claimNext`, { method: "POST", headers: { ...sameOrigin(server.base), cookie: reviewer.cookie }, body: "{}" });
  const body = (await res.json()) as { result?: { data: { escalationId: string } | null }; error?: { message: string } };
  if (!res.ok) throw new Error(`claimNext answered ${res.status}: ${body.error?.message}`);
  return body.result?.data?.escalationId ?? null;
}

/** Claims for each reviewer in turn, trying again while nothing is free (every item may be locked by a claim in flight). */
async function claimEach(server: () => ServerProcess, reviewers: Reviewer[], claimed: Map<string, string>, keepGoing = () => true) {
  for (const reviewer of reviewers) {
    for (;;) {
      if (!keepGoing()) return;
      const id = await claimNext(server(), reviewer);
      if (id) {
        claimed.set(reviewer.id, id);
        break;
      }
      await pause(50);
    }
  }
}

describe.skipIf(skipWithoutPostgres())("several server processes on one PostgreSQL database", () => {
  let url: string;
  let drop: () => Promise<void>;
  let pg: PgDb;
  let key: string;
  let systemId: string;
  const keyFile = join(mkdtempSync(join(tmpdir(), "countersign-pg-")), "signing-key.pem");
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ url, drop } = await freshPgDatabase());
    pg = await openPgDb(url, { max: 2 });
    const deps = { db: pg as unknown as Db, now: Date.now };
    const system = await createSystem(deps, operator, { slug: "refund-triage", name: "Refunds", oversightMode: "HOTL", policy });
    systemId = system.id;
    ({ key } = await issueApiKey(deps, operator, system.id));
    // Many clients on one key: far above the default per-key allowance.
    await statement(pg as unknown as Db, "UPDATE ai_systems SET api_requests_per_minute = 1000000").run();
    const env = { COUNTERSIGN_DATABASE_URL: url, COUNTERSIGN_SIGNING_KEY_FILE: keyFile, COUNTERSIGN_LOG_LEVEL: "info" };
    // The first start creates the signing key file the second then reads; both migrate (nothing left to apply).
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
  }, 240_000);

  afterAll(async () => {
    for (const server of servers) {
      if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill("SIGKILL");
    }
    await pg?.$client.end();
    await drop?.();
  });

  it("both are ready; 50 claimers across both on 1,000 items: each item claimed exactly once", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    for (const server of servers) {
      const ready = await fetch(`${server.base}/readyz`);
      expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok", signingKey: "ok" } });
    }
    // The queue, received by both processes at once.
    const items: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, client) => {
        for (let n = 0; n < 100; n++) {
          const id = await postEscalation(client % 2 ? b : a, key, `queued-${client}-${n}`);
          expect(id).not.toBeNull();
          items.push(id!);
        }
      }),
    );
    const reviewers = await addReviewers(pg, systemId, "r", 1000);

    const claimed = new Map<string, string>();
    const started = performance.now();
    await Promise.all(Array.from({ length: 50 }, (_, c) => claimEach(() => (c % 2 ? b : a), reviewers.slice(c * 20, c * 20 + 20), claimed)));
    const seconds = (performance.now() - started) / 1000;
    console.info(`1,000 claims by 50 claimers over two processes: ${seconds.toFixed(1)} s, ${(1000 / seconds).toFixed(0)} claims/s`);

    // Each reviewer was told of a different item, and together they took every item.
    expect(claimed.size).toBe(1000);
    expect(new Set(claimed.values()).size).toBe(1000);
    expect([...claimed.values()].sort()).toEqual([...items].sort());
    // The database agrees: each item leased to the reviewer who was told, one claim entry each.
    const db = pg as unknown as Db;
    const leases = await statement(db, `SELECT id, lease_holder_id AS "holder" FROM escalations WHERE status = 'in_review'`).all<{ id: string; holder: string }>();
    expect(new Map(leases.map((l) => [l.holder, l.id]))).toEqual(claimed);
    const entries = await statement(db, `SELECT count(*) AS "claims", count(DISTINCT entity_id) AS "items" FROM audit_log WHERE action = 'escalation.claimed'`).get();
    expect(entries).toEqual({ claims: 1000, items: 1000 });
  }, 300_000);

  it("kill -9 of the leading process mid-load loses nothing it acknowledged; the other takes the lead; the audit chain verifies", async () => {
    const db = pg as unknown as Db;
    // Exactly one of the two leads the background work.
    const leads = (server: ServerProcess) => server.log.some((line) => line.includes("leading background work"));
    while (!servers.some(leads)) await pause(100);
    expect(servers.filter(leads)).toHaveLength(1);
    const killed = servers.find(leads)!;
    const survivor = servers.find((s) => s !== killed)!;

    // Intake and claims on both processes; what the killed one acknowledged is kept apart.
    const reviewers = await addReviewers(pg, systemId, "k", 300);
    const ackedByKilled = { received: new Map<string, string>(), claimed: new Map<string, string>() };
    const claimed = new Map<string, string>();
    let running = true;
    const intake = async (client: number) => {
      const server = client % 2 ? survivor : killed;
      for (let n = 0; running; n++) {
        const externalId = `late-${client}-${n}`;
        const id = await postEscalation(server, key, externalId).catch(() => undefined);
        // No answer from the killed process: it is gone, and so is this client.
        if (id === undefined && server === killed) return;
        if (id && server === killed) ackedByKilled.received.set(id, externalId);
      }
    };
    // A claimer whose process died goes on with the other, as a load balancer would send it.
    const claimer = async (c: number) => {
      for (const reviewer of reviewers.slice(c * 30, c * 30 + 30)) {
        while (running) {
          const server = c % 2 || killed.process.signalCode !== null ? survivor : killed;
          const id = await claimNext(server, reviewer).catch(() => null);
          if (id) {
            claimed.set(reviewer.id, id);
            if (server === killed) ackedByKilled.claimed.set(reviewer.id, id);
            break;
          }
          await pause(50);
        }
      }
    };
    const load = [...[0, 1, 2, 3].map(intake), ...Array.from({ length: 10 }, (_, c) => claimer(c))];

    // Killed once it has acknowledged enough, whatever the time that took, with every client mid-flight.
    while (ackedByKilled.received.size < 40 || ackedByKilled.claimed.size < 10) await pause(25);
    killed.process.kill("SIGKILL");
    await killed.exited;
    const claimsAtKill = claimed.size;
    // The survivor goes on serving, and takes the lead once the killed process's session has ended.
    while (claimed.size < claimsAtKill + 20 || !leads(survivor)) await pause(50);
    running = false;
    await Promise.all(load);

    // Every escalation the killed process acknowledged is stored, as it was sent.
    const received = [...ackedByKilled.received.keys()];
    const stored = await statement(db, `SELECT id, external_id AS "externalId" FROM escalations WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb))`).all<{
      id: string;
      externalId: string;
    }>(JSON.stringify(received));
    expect(new Map(stored.map((s) => [s.id, s.externalId]))).toEqual(ackedByKilled.received);
    // Every claim it acknowledged is recorded: the lease and its audit entry, by that reviewer.
    for (const [reviewerId, escalationId] of ackedByKilled.claimed) {
      const lease = await statement(db, `SELECT status, lease_holder_id AS "holder" FROM escalations WHERE id = ?`).get(escalationId);
      expect(lease, escalationId).toEqual({ status: "in_review", holder: reviewerId });
      const entry = await statement(db, `SELECT count(*) FROM audit_log WHERE action = 'escalation.claimed' AND entity_id = ? AND actor_id = ?`).value(escalationId, reviewerId);
      expect(entry, escalationId).toBe(1);
    }
    // Across both tests and both processes, no item was ever claimed twice.
    expect(new Set(claimed.values()).size).toBe(claimed.size);
    const twice = await statement(db, `SELECT count(*) FROM (SELECT entity_id FROM audit_log WHERE action = 'escalation.claimed' GROUP BY entity_id HAVING count(*) > 1) t`).value();
    expect(twice).toBe(0);

    // The survivor shuts down cleanly (a final checkpoint, the pool closed) ...
    survivor.process.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    // ... and the chain both processes wrote is one line, its checkpoints signed with the shared key.
    useSigningKeyFile(db, keyFile);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  }, 300_000);
});

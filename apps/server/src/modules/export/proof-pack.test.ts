import { createHash, generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { countersign } from "../../cli/testing";
import { decideAs } from "../../testing/operations";
import { addSystem, addUser, escalationBody, testDeps, testPassword, testSignInAttempt } from "../../testing/fixtures";
import { entryHash, linkHash, type ChainedEntry } from "../../audit/chain";
import { configureCheckpoints } from "../../audit/checkpoint";
import { signingKeyFor, signValue } from "../../audit/signing-key";
import { receiveEscalation } from "../escalations/receive";
import { signIn } from "../users/sessions";
import type { Manifest } from "./manifest";
import { downloadPack, fromLines, linesOf, readPack, repack } from "./pack-testing";
import { verifyPack } from "./verify-pack";
import { statement } from "../../lib/prepared";
import { transaction } from "../../db/transaction";

const query = "system=refund-triage&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z";
let t: Awaited<ReturnType<typeof testDeps>>;
let pack: string;
let publicKeyFile: string;
let auditor: Awaited<ReturnType<typeof addUser>>;

beforeAll(async () => {
  t = testDeps();
  configureCheckpoints(t.deps.db, { everyEntries: 5, everyMinutes: 10 });
  const { system } = await addSystem(t.deps);
  await transaction(t.deps.db, () => statement(t.deps.db, "UPDATE ai_systems SET description = ? WHERE id = ?").run("Refunds <script>alert('x')</script> & more; see \u202Efdp.exe", system.id));
  const [ana, ben] = [await addUser(t.deps, "ana@example.com", ["reviewer"]), await addUser(t.deps, "ben@example.com", ["reviewer"])];
  auditor = await addUser(t.deps, "audit@example.com", ["auditor"]);
  const ids = await Promise.all([1, 2, 3, 4].map(async (i) => (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: `order-${i}`, contextSummary: `Case ${i} <b>bold</b>` }))).id));
  await decideAs(t, ana, ids[0]!, "approved");
  await decideAs(t, ben, ids[1]!, "modified");
  await decideAs(t, ana, ids[2]!, "rejected");
  // Another system's activity and a failed sign-in land in the same chain, between this system's entries.
  const { system: loans } = await addSystem(t.deps, "loan-approval");
  const loan = (await receiveEscalation(t.deps, loans.id, escalationBody({ externalId: "loan-77", contextSummary: "Applicant Jane Roe, salary 4,100 EUR" }))).id;
  await decideAs(t, ben, loan, "approved");
  await expect(signIn(t.deps, { email: "ana@example.com", password: "wrong password entirely" }, testSignInAttempt())).rejects.toThrow();
  await decideAs(t, ana, ids[3]!, "approved");
  t.advance(60);
  pack = await downloadPack(t, auditor, query);
  publicKeyFile = join(t.dir, "public.pem");
  writeFileSync(publicKeyFile, signingKeyFor(t.deps.db).publicKeyPem);
});

describe("the proof pack", () => {
  it("holds every file, with the manifest listing each file's SHA-256, and verifies offline", async () => {
    const files = await readPack(pack);
    expect([...files.keys()]).toEqual([
      "escalations.jsonl",
      "verifications.jsonl",
      "resolutions.jsonl",
      "instructions-for-use.jsonl",
      "monitoring-notices.jsonl",
      "affected-person-requests.jsonl",
      "audit-log.jsonl",
      "checkpoints.jsonl",
      "summary.csv",
      "report.html",
      "incidents.jsonl",
      "manifest.json",
    ]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString()) as Manifest;
    expect(manifest.counts).toMatchObject({ escalations: 4, verifications: 4, resolutions: 0 });
    expect(manifest.chain.verifiedAtExport).toBe(true);
    expect(linesOf(files.get("verifications.jsonl")!).map((l) => JSON.parse(l).qualification.training)).toEqual(
      Array(4).fill("Oversight training for this AI system"),
    );
    const run = await countersign(["verify-pack", pack, "--public-key", publicKeyFile]);
    expect(run.stderr).toMatch(/^warning: No witness was configured \(COUNTERSIGN_WITNESS\).* A witness keeps a copy of every checkpoint outside this server/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^proof pack verified: refund-triage .* 4 escalations, 4 verifications/);
  });

  it("holds this system's audit entries in full and every other entry only as its hashes, and still verifies", async () => {
    const files = await readPack(pack);
    const text = files.get("audit-log.jsonl")!.toString();
    const entries = linesOf(files.get("audit-log.jsonl")!).map((l) => JSON.parse(l) as Record<string, unknown>);
    const loans = (await statement(t.deps.db, "SELECT id FROM ai_systems WHERE slug = 'loan-approval'").value<string>())!;
    const loanEntries = await statement(t.deps.db, "SELECT seq FROM audit_log WHERE entity_id = ? OR entity_id IN (SELECT id FROM escalations WHERE system_id = ?)").column<number>(
      loans,
      loans,
    );
    const failedSignIn = (await statement(t.deps.db, "SELECT seq FROM audit_log WHERE action = 'auth.sign_in_failed'").value<number>())!;
    for (const seq of [...loanEntries, failedSignIn]) {
      expect(entries.find((e) => e.seq === seq)).toEqual({ seq, redacted: true, prevHash: expect.any(String), contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.any(String) });
    }
    expect(text).not.toContain(loans);
    expect(text).not.toContain("loan-approval");
    expect(text).not.toContain("sign_in_failed");
    expect(text).not.toContain("wrong password");
    expect(entries.filter((e) => e.action === "escalation.decided")).toHaveLength(4);
    const manifest = JSON.parse(files.get("manifest.json")!.toString()) as Manifest;
    expect(manifest.disclosure).toMatchObject({ redactedEntries: entries.filter((e) => e.redacted).length, legacyUnlinked: 0 });
    expect(manifest.witness).toMatchObject({ configured: false, warning: expect.stringMatching(/No witness was configured/) });
    expect(await verifyPack(pack)).toMatchObject({ ok: true });
  });

  it("an entry of this system edited and linked into the next, hashed-only entry is caught: the link itself is recomputed", async () => {
    const tampered = await repack(
      pack,
      (files) => {
        const entries = linesOf(files.get("audit-log.jsonl")!).map((l) => JSON.parse(l) as ChainedEntry & { hash: string; redacted?: true });
        const target = entries.findIndex((e, i) => e.action === "escalation.decided" && entries[i + 1]?.redacted);
        expect(target).toBeGreaterThan(0);
        entries[target]!.payload = entries[target]!.payload.replace(/"outcome":"\w+"/, '"outcome":"escalated"');
        expect(entries[target]!.payload).toContain('"outcome":"escalated"');
        entries[target]!.hash = entryHash(entries[target]!);
        entries[target + 1]!.prevHash = entries[target]!.hash;
        files.set("audit-log.jsonl", fromLines(entries.map((e) => JSON.stringify(e))));
      },
      "redacted-relinked.zip",
    );
    expect(await verifyPack(tampered)).toMatchObject({
      ok: false,
      file: "audit-log.jsonl",
      problem: expect.stringMatching(/its place, previous hash and content hash do not match its hash/),
    });
  });

  it("report.html escapes every value and states the figures; summary.csv is one row per day", async () => {
    const files = await readPack(pack);
    const report = files.get("report.html")!.toString();
    expect(report).not.toContain("<script>");
    expect(report).toContain("Refunds &#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; more");
    // A right-to-left override is shown as a marker, isolated, never left to reverse the text.
    expect(report).not.toContain("\u202E");
    expect(report).toContain(
      '<span class="bidi-control" dir="ltr" role="img" aria-label="hidden direction control: right-to-left override (U+202E)" title="hidden direction control: right-to-left override (U+202E)">⟨RLO⟩</span>fdp.exe</bdi>',
    );
    expect(report).toMatch(/Overrides of the AI output \(modified \+ rejected\)<\/th><td>2</);
    expect(report).toContain("was re-verified while exporting");
    expect(report).toMatch(/Decisions available to the AI system<\/th><td>4<.*Fetched by the AI system<\/th><td>0</s);
    expect(report).toContain("It does not record what the AI system did with a decision afterwards.");
    expect(report).toContain("Warning: no witness was configured (COUNTERSIGN_WITNESS).");
    expect(report).toContain("No legal hold has been placed on this system or its escalations.");
    const [header, ...rows] = linesOf(files.get("summary.csv")!).map((line) => line.split(","));
    expect(rows.map((row) => Object.fromEntries(header!.map((column, i) => [column, row[i]])))).toEqual([
      expect.objectContaining({ date: "2026-11-22", received: "4", verifications: "4", approved: "2", overrides: "2" }),
    ]);
  });

  it("is recorded in the audit log as an export", async () => {
    const entry = (await statement(t.deps.db, "SELECT actor_id, payload FROM audit_log WHERE action = 'export.proof_pack'").get<{ actor_id: string; payload: string }>())!;
    expect(entry.actor_id).toBe(auditor.id);
    expect(JSON.parse(entry.payload)).toEqual({ from: "2026-11-22T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" });
  });

  it("flipping a byte in any file fails verification and names the file", async () => {
    const names = [...(await readPack(pack)).keys()];
    for (const name of names) {
      const tampered = await repack(
        pack,
        (files) => {
          const buffer = Buffer.from(files.get(name)!);
          const at = Math.floor(buffer.length / 2);
          buffer[at] = buffer[at] === 0x41 ? 0x42 : 0x41;
          // An empty file (no resolutions in the period) gets a byte instead.
          files.set(name, buffer.length > 0 ? buffer : Buffer.from("A"));
        },
        `flipped-${name}.zip`,
      );
      const verdict = await verifyPack(tampered);
      expect(verdict, name).toMatchObject({ ok: false, file: name });
    }
  });

  it("a changed escalation is named by its line", async () => {
    let edited = 0;
    const tampered = await repack(
      pack,
      (files) => {
        const lines = linesOf(files.get("escalations.jsonl")!);
        edited = lines.findIndex((line) => line.includes("Case 2"));
        lines[edited] = lines[edited]!.replace("Case 2", "Case 9");
        files.set("escalations.jsonl", fromLines(lines));
      },
      "escalation-edited.zip",
    );
    const run = await countersign(["verify-pack", tampered]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`escalations.jsonl line ${edited + 1}: escalation esc_`);
    expect(run.stderr).toContain("its content does not hash to its shownContentSha256");
  });

  it("a verification that differs from what its audit entry recorded is named by its line", async () => {
    const tampered = await repack(
      pack,
      (files) => {
        const lines = linesOf(files.get("verifications.jsonl")!).map((l) => JSON.parse(l));
        lines[2].outcome = "approved";
        files.set("verifications.jsonl", fromLines(lines.map((l) => JSON.stringify(l))));
      },
      "verification-edited.zip",
    );
    expect(await verifyPack(tampered)).toMatchObject({
      ok: false,
      file: "verifications.jsonl",
      line: 3,
      problem: expect.stringMatching(/differs from its audit entry in outcome/),
    });
  });

  it("deleting a line of audit-log.jsonl fails and names where", async () => {
    const tampered = await repack(
      pack,
      (files) => {
        const lines = linesOf(files.get("audit-log.jsonl")!);
        lines.splice(3, 1);
        files.set("audit-log.jsonl", fromLines(lines));
      },
      "line-deleted.zip",
    );
    const verdict = await verifyPack(tampered);
    expect(verdict).toMatchObject({ ok: false, file: "audit-log.jsonl", line: 4, problem: expect.stringMatching(/is missing/) });
  });

  it("an edited entry re-chained without the signing key is caught by the signed checkpoints, and by the manifest", async () => {
    const rechain = (files: Map<string, Buffer>) => {
      const entries = linesOf(files.get("audit-log.jsonl")!).map((l) => JSON.parse(l) as ChainedEntry & { hash: string });
      const target = entries.findIndex((e) => e.action === "escalation.decided");
      entries[target]!.payload = entries[target]!.payload.replace('"approved"', '"rejected"');
      for (let i = target; i < entries.length; i++) {
        if (i > target) entries[i]!.prevHash = entries[i - 1]!.hash;
        const entry = entries[i] as ChainedEntry & { hash: string; contentSha256?: string; redacted?: true };
        entry.hash = entry.redacted ? linkHash({ seq: entry.seq, prevHash: entry.prevHash, contentSha256: entry.contentSha256! }) : entryHash(entry);
      }
      files.set("audit-log.jsonl", fromLines(entries.map((e) => JSON.stringify(e))));
      return entries[target]!.seq;
    };
    const keepManifest = await repack(pack, rechain, "rechained.zip");
    expect(await verifyPack(keepManifest)).toMatchObject({
      ok: false,
      file: "audit-log.jsonl",
      problem: expect.stringMatching(/checkpoint #\d+ \(checkpoints.jsonl line \d+\) signed head .* was changed, or the chain was rebuilt/),
    });
    const withManifest = await repack(
      pack,
      (files) => {
        rechain(files);
        const manifest = JSON.parse(files.get("manifest.json")!.toString()) as Manifest;
        const audit = files.get("audit-log.jsonl")!;
        const listed = manifest.files.find((f) => f.name === "audit-log.jsonl")!;
        listed.sha256 = sha256Of(audit);
        listed.bytes = audit.length;
        files.set("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2)));
      },
      "rechained-manifest.zip",
    );
    expect(await verifyPack(withManifest)).toMatchObject({ ok: false, file: "manifest.json", problem: expect.stringMatching(/signature does not verify/) });
  });

  it("a pack re-signed with a fresh key passes only when checked against its own key; the operator's key catches it", async () => {
    const resigned = await repack(
      pack,
      (files) => {
        const fresh = generateKeyPairSync("ed25519");
        const pem = fresh.publicKey.export({ type: "spki", format: "pem" }).toString();
        const keyId = createHash("sha256").update(fresh.publicKey.export({ type: "spki", format: "der" })).digest("hex");
        const checkpoints = linesOf(files.get("checkpoints.jsonl")!).map((l) => {
          const c = JSON.parse(l);
          return JSON.stringify({ ...c, keyId, signature: signValue(fresh.privateKey, { size: c.size, head: c.head, at: c.at }) });
        });
        files.set("checkpoints.jsonl", fromLines(checkpoints));
        const { signature: _old, ...manifest } = JSON.parse(files.get("manifest.json")!.toString()) as Manifest;
        const listed = manifest.files.find((f) => f.name === "checkpoints.jsonl")!;
        listed.sha256 = sha256Of(files.get("checkpoints.jsonl")!);
        listed.bytes = files.get("checkpoints.jsonl")!.length;
        const content = { ...manifest, publicKey: pem, keyId };
        files.set("manifest.json", Buffer.from(JSON.stringify({ ...content, signature: signValue(fresh.privateKey, content) })));
      },
      "resigned.zip",
    );
    expect(await verifyPack(resigned)).toMatchObject({ ok: true, keyFromPack: true });
    const run = await countersign(["verify-pack", resigned, "--public-key", publicKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/manifest\.json: was signed by key .* not by the key given/);
  });
});

describe("who may export", () => {
  it("auditors, leads and admins; not reviewers, and not without a session", async () => {
    for (const role of ["lead", "admin"] as const) {
      await expect(downloadPack(t, await addUser(t.deps, `${role}@example.com`, [role]), query, `${role}.zip`)).resolves.toMatch(/\.zip$/);
    }
    await expect(downloadPack(t, await addUser(t.deps, "rev-x@example.com", ["reviewer"]), query, "rev.zip")).rejects.toThrow(/403 .*FORBIDDEN/);
    const { buildApp } = await import("../../app");
    const anonymous = await buildApp(t.deps).request(`/exports/proof-pack?${query}`);
    expect(anonymous.status).toBe(401);
  });

  it("not from a link on another site, even with the auditor's session cookie", async () => {
    const { buildApp } = await import("../../app");
    const { signIn } = await import("../users/sessions");
    const { token } = await signIn(t.deps, { email: auditor.email, password: testPassword }, testSignInAttempt());
    const exports = statement(t.deps.db, "SELECT count(*) FROM audit_log WHERE action = 'export.proof_pack'");
    const before = await exports.value();
    const crossSite = await buildApp(t.deps).request(`/exports/proof-pack?${query}`, {
      headers: { cookie: `countersign_session=${token}`, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(await exports.value()).toBe(before);
  });

  it("names the field of a bad query", async () => {
    await expect(downloadPack(t, auditor, "system=refund-triage&from=yesterday&to=2026-11-23T00:00:00Z", "bad.zip")).rejects.toThrow(
      /400 .*from must be an ISO 8601 date-time/,
    );
    await expect(downloadPack(t, auditor, "system=nope&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z", "none.zip")).rejects.toThrow(/404/);
  });
});

const sha256Of = (buffer: Buffer) => createHash("sha256").update(buffer).digest("hex");

import { createHash, generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { countersign } from "../../cli/testing";
import { decideAs } from "../../testing/operations";
import { statement } from "../../lib/prepared";
import { addSystem, addUser, callerFor, escalationBody, testDeps, testPassword, testSignInAttempt } from "../../testing/fixtures";
import { signingKeyFor, signValue } from "../../audit/signing-key";
import { receiveEscalation } from "../escalations/receive";
import { downloadPack, fromLines, linesOf, readPack, repack } from "../export/pack-testing";
import { verifyPack } from "../export/verify-pack";
import type { UserSummary } from "../users/queries";
import { signIn } from "../users/sessions";
import type { IncidentManifest } from "./pack-manifest";

let t: Awaited<ReturnType<typeof testDeps>>;
let lead: UserSummary;
let auditor: UserSummary;
let incidentId: string;
let pack: string;
let publicKeyFile: string;
const sha256Of = (buffer: Buffer) => createHash("sha256").update(buffer).digest("hex");

async function download(user: UserSummary, incident: string, name = "incident.zip", headers: Record<string, string> = {}) {
  const { token } = await signIn(t.deps, { email: user.email, password: testPassword }, testSignInAttempt());
  const response = await buildApp(t.deps).request(`/exports/incident-pack?incident=${incident}`, { headers: { cookie: `countersign_session=${token}`, ...headers } });
  if (response.status !== 200) return { status: response.status, path: null };
  const path = join(t.dir, name);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return { status: 200, path };
}

beforeAll(async () => {
  t = testDeps();
  const { system } = await addSystem(t.deps);
  lead = await addUser(t.deps, "lena@example.com", ["lead"]);
  auditor = await addUser(t.deps, "audrey@example.com", ["auditor"]);
  const reviewer = await addUser(t.deps, "rev@example.com", ["reviewer"]);
  const linked = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-7" }))).id;
  const other = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "order-8" }))).id;
  await decideAs(t, reviewer, linked, "approved");
  await decideAs(t, reviewer, other, "rejected");
  const caller = callerFor(t.deps, lead);
  ({ id: incidentId } = await caller.incidents.record({
    systemId: system.id,
    title: "Refund approved on a forged receipt",
    description: "A forged receipt passed review <script>alert(1)</script>; the customer's bank reported fraud.",
    kind: "serious_incident",
    severity: "high",
    occurredAt: "2026-11-22T08:00:00Z",
    awareAt: "2026-11-22T09:00:00Z",
    escalations: ["order-7"],
  }));
  t.advance(3600);
  await caller.incidents.recordNotification({ incidentId, party: "provider", recipient: "Acme AI GmbH", notifiedAt: new Date(t.deps.now()).toISOString() });
  await caller.incidents.recordNotification({
    incidentId,
    party: "market_surveillance_authority",
    recipient: "Bundesnetzagentur",
    notifiedAt: new Date(t.deps.now()).toISOString(),
    note: "Report filed online, reference 2026-117",
  });
  pack = (await download(auditor, incidentId)).path!;
  publicKeyFile = join(t.dir, "public.pem");
  writeFileSync(publicKeyFile, signingKeyFor(t.deps.db).publicKeyPem);
});

describe("the incident pack for the provider", () => {
  it("holds the incident, its notifications, the linked escalation with its verification and audit trail, and verifies", async () => {
    const files = await readPack(pack);
    expect([...files.keys()]).toEqual(["incident.json", "notifications.jsonl", "escalations.jsonl", "verifications.jsonl", "audit-log.jsonl", "manifest.json"]);
    const incident = JSON.parse(files.get("incident.json")!.toString());
    expect(incident).toMatchObject({ id: incidentId, status: "reported", reportDueAt: "2026-12-07T09:00:00.000Z", reportingRule: { article: "Art. 73(2)" } });
    expect(linesOf(files.get("notifications.jsonl")!).map((l) => JSON.parse(l).party)).toEqual(["provider", "market_surveillance_authority"]);
    expect(linesOf(files.get("escalations.jsonl")!).map((l) => JSON.parse(l).externalId)).toEqual(["order-7"]);
    expect(linesOf(files.get("verifications.jsonl")!)).toHaveLength(1);
    const actions = linesOf(files.get("audit-log.jsonl")!).map((l) => JSON.parse(l).action);
    expect(actions).toEqual(expect.arrayContaining(["escalation.received", "escalation.decided", "incident.recorded", "incident.notified", "export.incident_pack"]));
    const manifest = JSON.parse(files.get("manifest.json")!.toString()) as IncidentManifest;
    expect(manifest).toMatchObject({ format: "countersign-incident-pack/1", keyId: signingKeyFor(t.deps.db).keyId });

    expect(await verifyPack(pack)).toMatchObject({ ok: true, kind: "incident-pack" });
    const run = await countersign(["verify-pack", pack, "--public-key", publicKeyFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/incident pack verified: incident inc_\w+ \(Art\. 73\(2\)\) of refund-triage; 2 notifications, 1 escalations, 1 verifications/);
  });

  it("a changed notification fails verification, naming the file", async () => {
    const tampered = await repack(
      pack,
      (files) => {
        const lines = linesOf(files.get("notifications.jsonl")!).map((l) => JSON.parse(l));
        lines[1].notifiedAt = "2026-11-22T09:30:00.000Z";
        files.set("notifications.jsonl", fromLines(lines.map((l) => JSON.stringify(l))));
      },
      "notification-edited.zip",
    );
    expect(await verifyPack(tampered)).toMatchObject({ ok: false, file: "notifications.jsonl", problem: expect.stringMatching(/differs from its audit entry in notifiedAt/) });
    const run = await countersign(["verify-pack", tampered]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pack does NOT verify: notifications\.jsonl/);
  });

  it("a manifest edited to match fails its signature; re-signed with another key, the audit entries and the operator's key catch it", async () => {
    const edit = (files: Map<string, Buffer>) => {
      const incident = JSON.parse(files.get("incident.json")!.toString());
      incident.description = "Nothing serious happened.";
      files.set("incident.json", Buffer.from(`${JSON.stringify(incident)}\n`));
      const { signature: _old, ...manifest } = JSON.parse(files.get("manifest.json")!.toString()) as IncidentManifest;
      const listed = manifest.files.find((f) => f.name === "incident.json")!;
      listed.sha256 = sha256Of(files.get("incident.json")!);
      listed.bytes = files.get("incident.json")!.length;
      return manifest;
    };
    const unsigned = await repack(pack, (files) => files.set("manifest.json", Buffer.from(JSON.stringify({ ...edit(files), signature: "forged" }))), "edited.zip");
    expect(await verifyPack(unsigned)).toMatchObject({ ok: false, file: "manifest.json", problem: expect.stringMatching(/signature does not verify/) });

    const resigned = await repack(
      pack,
      (files) => {
        const fresh = generateKeyPairSync("ed25519");
        const publicKey = fresh.publicKey.export({ type: "spki", format: "pem" }).toString();
        const keyId = createHash("sha256").update(fresh.publicKey.export({ type: "spki", format: "der" })).digest("hex");
        const content = { ...edit(files), publicKey, keyId };
        files.set("manifest.json", Buffer.from(JSON.stringify({ ...content, signature: signValue(fresh.privateKey, content) })));
      },
      "resigned.zip",
    );
    expect(await verifyPack(resigned)).toMatchObject({ ok: false, file: "incident.json", problem: expect.stringMatching(/differs from its audit entry in descriptionSha256/) });
    const run = await countersign(["verify-pack", resigned, "--public-key", publicKeyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/manifest\.json: was signed by key .* not by the key given/);
  });

  it("an altered audit entry fails on its own hash", async () => {
    const tampered = await repack(
      pack,
      (files) => {
        const lines = linesOf(files.get("audit-log.jsonl")!).map((l) => JSON.parse(l));
        const decided = lines.find((l) => l.action === "escalation.decided");
        decided.payload = decided.payload.replace('"approved"', '"rejected"');
        files.set("audit-log.jsonl", fromLines(lines.map((l) => JSON.stringify(l))));
        const manifest = JSON.parse(files.get("manifest.json")!.toString()) as IncidentManifest;
        const { signature: _old, ...content } = manifest;
        const listed = content.files.find((f) => f.name === "audit-log.jsonl")!;
        listed.sha256 = sha256Of(files.get("audit-log.jsonl")!);
        listed.bytes = files.get("audit-log.jsonl")!.length;
        const fresh = generateKeyPairSync("ed25519");
        const publicKey = fresh.publicKey.export({ type: "spki", format: "pem" }).toString();
        const keyId = createHash("sha256").update(fresh.publicKey.export({ type: "spki", format: "der" })).digest("hex");
        const signed = { ...content, publicKey, keyId };
        files.set("manifest.json", Buffer.from(JSON.stringify({ ...signed, signature: signValue(fresh.privateKey, signed) })));
      },
      "audit-edited.zip",
    );
    expect(await verifyPack(tampered)).toMatchObject({ ok: false, file: "audit-log.jsonl", problem: expect.stringMatching(/does not match its hash/) });
  });

  it("every export is audited, and a reviewer cannot download an incident pack", async () => {
    const exports = () => statement(t.deps.db, "SELECT count(*) FROM audit_log WHERE action = 'export.incident_pack'").value<number>();
    const before = (await exports())!;
    expect((await download(lead, incidentId, "lead.zip")).status).toBe(200);
    expect(await exports()).toBe(before + 1);
    const reviewer = await addUser(t.deps, "rita@example.com", ["reviewer"]);
    expect((await download(reviewer, incidentId, "reviewer.zip")).status).toBe(403);
    // Not from a link on another site, even with a lead's session cookie: the export would be audited in their name.
    expect((await download(lead, incidentId, "cross-site.zip", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(await exports()).toBe(before + 1);
  });

  it("the proof pack of the period carries the incident in incidents.jsonl, covered by its manifest", async () => {
    const proof = await downloadPack(t, auditor, "system=refund-triage&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z", "proof.zip");
    const files = await readPack(proof);
    const incidents = linesOf(files.get("incidents.jsonl")!).map((l) => JSON.parse(l));
    expect(incidents).toMatchObject([{ id: incidentId, kind: "serious_incident", status: "reported", holdActive: true, notifications: [{ party: "provider" }, { party: "market_surveillance_authority" }] }]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString());
    expect(manifest.files.map((f: { name: string }) => f.name)).toContain("incidents.jsonl");
    expect(manifest.counts.incidents).toBe(1);
    expect(await verifyPack(proof)).toMatchObject({ ok: true, kind: "proof-pack" });
    const tampered = await repack(proof, (f) => f.set("incidents.jsonl", Buffer.from(f.get("incidents.jsonl")!.toString().replace("reported", "open"))), "proof-edited.zip");
    expect(await verifyPack(tampered)).toMatchObject({ ok: false, file: "incidents.jsonl" });
  });
});

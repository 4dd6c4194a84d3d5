import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { monitoringNoticeVersion } from "@countersign/shared/monitoring-notice";
import { addSystem, addUser, callerFor, escalationBody, testDeps } from "../../testing/fixtures";
import { decideAs } from "../../testing/operations";
import { configureCheckpoints } from "../../audit/checkpoint";
import { signingKeyFor, signValue } from "../../audit/signing-key";
import { receiveEscalation } from "../escalations/receive";
import type { Manifest } from "./manifest";
import { downloadPack, fromLines, linesOf, readPack, repack } from "./pack-testing";
import { verifyPack } from "./verify-pack";

const query = "system=refund-triage&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z";
const texts = {
  provider: "Acme Refund AI GmbH",
  providerContact: "compliance@acme.example",
  intendedPurpose: "Proposes refund decisions for damaged-goods claims.",
  knownLimitations: "Unreliable on photos taken in low light.",
  oversightInstructions: "Check the photo against the order line before approving.",
};
const identification = {
  usePeriod: { start: "2026-11-22T10:59:00+01:00", end: "2026-11-22T11:00:00+01:00" },
  referenceDatabase: "Watch list “W-17” ",
  matchedInput: { probe: "frame-17.jpg", score: 0.97 },
};
let t: Awaited<ReturnType<typeof testDeps>>;
let pack: string;
let files: Map<string, Buffer>;
const ids: Record<string, string> = {};

const sha256Of = (buffer: Buffer) => createHash("sha256").update(buffer).digest("hex");
/** Someone holding the signing key rewrites files and re-signs the manifest over them. */
const reSigned = (edit: (files: Map<string, Buffer>) => void, name: string) =>
  repack(
    pack,
    (f) => {
      edit(f);
      const { signature: _old, ...manifest } = JSON.parse(f.get("manifest.json")!.toString()) as Manifest;
      for (const listed of manifest.files) {
        listed.sha256 = sha256Of(f.get(listed.name)!);
        listed.bytes = f.get(listed.name)!.length;
      }
      f.set("manifest.json", Buffer.from(JSON.stringify({ ...manifest, signature: signValue(signingKeyFor(t.deps.db).privateKey, manifest) })));
    },
    name,
  );

beforeAll(async () => {
  t = testDeps(Date.parse("2026-11-21T09:00:00Z"));
  configureCheckpoints(t.deps.db, { everyEntries: 5, everyMinutes: 10 });
  const { system } = await addSystem(t.deps);
  const adminUser = await addUser(t.deps, "admin@example.com", ["admin"]);
  const admin = callerFor(t.deps, adminUser);
  const [ana, ben] = [await addUser(t.deps, "ana@example.com", ["reviewer"]), await addUser(t.deps, "ben@example.com", ["reviewer"])];
  ids.v1 = (await admin.instructions.record({ systemId: system.id, ...texts })).id;
  t.advance(3600);
  // Superseded the day before the period: not in force during it.
  ids.v2 = (await admin.instructions.record({ systemId: system.id, ...texts, knownLimitations: "Low light; glass." })).id;
  await callerFor(t.deps, ana).monitoringNotice.acknowledge({ version: monitoringNoticeVersion });
  t.advance(23 * 3600);
  const first = (await receiveEscalation(t.deps, system.id, { ...escalationBody({ externalId: "rbi-1" }), ...identification })).id;
  await decideAs(t, ana, first, "approved");
  t.advance(3600);
  ids.v3 = (await admin.instructions.record({ systemId: system.id, ...texts, oversightInstructions: "Call the customer above 100 EUR." })).id;
  const second = (await receiveEscalation(t.deps, system.id, escalationBody({ externalId: "plain-2" }))).id;
  await decideAs(t, ben, second, "approved");
  t.advance(60);
  pack = await downloadPack(t, await addUser(t.deps, "audit@example.com", ["auditor"]), query);
  files = await readPack(pack);
  // A history of three decisions and a pack: seconds on a quiet machine, more on a shared one.
}, 60_000);

describe("the proof pack's instructions for use and monitoring notices", () => {
  it("holds the versions in force during the period, and each verification names one of them", () => {
    const versions = linesOf(files.get("instructions-for-use.jsonl")!).map((l) => JSON.parse(l));
    expect(versions.map((v) => [v.id, v.version, v.inForceFrom, v.inForceUntil])).toEqual([
      [ids.v2, 2, "2026-11-21T10:00:00.000Z", "2026-11-22T10:00:30.000Z"],
      [ids.v3, 3, "2026-11-22T10:00:30.000Z", null],
    ]);
    expect(versions[1]).toMatchObject({ ...texts, oversightInstructions: "Call the customer above 100 EUR.", recordedByName: "admin" });
    const verifications = linesOf(files.get("verifications.jsonl")!).map((l) => JSON.parse(l));
    expect(verifications.map((v) => v.instructionsVersionId)).toEqual([ids.v2, ids.v3]);
  });

  it("lists the monitoring notices acknowledged by the period's reviewers", () => {
    const acknowledgements = linesOf(files.get("monitoring-notices.jsonl")!).map((l) => JSON.parse(l));
    expect(acknowledgements).toEqual([
      expect.objectContaining({ reviewerName: "ana", noticeVersion: monitoringNoticeVersion, acknowledgedAt: "2026-11-21T10:00:00.000Z" }),
    ]);
  });

  it("says in the report how many versions were in force and how many of the period's reviewers had acknowledged the notice", () => {
    const report = files.get("report.html")!.toString();
    expect(report).toContain("2, in instructions-for-use.jsonl");
    expect(report).toContain("1 of 2, in monitoring-notices.jsonl");
  });

  it("carries the Art. 12(3) fields in the escalation's record, exactly as sent", () => {
    const escalations = linesOf(files.get("escalations.jsonl")!).map((l) => JSON.parse(l));
    expect(escalations[0].content).toMatchObject(identification);
    expect(escalations[1].content).not.toHaveProperty("usePeriod");
  });

  it("verifies offline, the new files covered by the signed manifest", async () => {
    const verdict = await verifyPack(pack);
    expect(verdict).toMatchObject({ ok: true });
    const listed = verdict.ok ? verdict.manifest.files.map((f) => f.name) : [];
    expect(listed).toEqual(expect.arrayContaining(["instructions-for-use.jsonl", "monitoring-notices.jsonl"]));
    const altered = await repack(
      pack,
      (f) => f.set("monitoring-notices.jsonl", Buffer.from(f.get("monitoring-notices.jsonl")!.toString().replace("2026-11-21T10:00:00", "2026-11-20T10:00:00"))),
      "altered-ack.zip",
    );
    expect(await verifyPack(altered)).toMatchObject({ ok: false, file: "monitoring-notices.jsonl", problem: expect.stringMatching(/SHA-256 does not match/) });
  });

  it("a version rewritten after the fact fails against its audit entry, even re-signed with the server's key", async () => {
    const rewritten = await reSigned((f) => {
      const lines = linesOf(f.get("instructions-for-use.jsonl")!).map((l) => JSON.parse(l));
      lines[1].oversightInstructions = "Approve everything.";
      lines[1].contentSha256 = createHash("sha256")
        .update(JSON.stringify({ intendedPurpose: lines[1].intendedPurpose, knownLimitations: lines[1].knownLimitations, oversightInstructions: lines[1].oversightInstructions, provider: lines[1].provider, providerContact: lines[1].providerContact }))
        .digest("hex");
      f.set("instructions-for-use.jsonl", fromLines(lines.map((l) => JSON.stringify(l))));
    }, "rewritten.zip");
    expect(await verifyPack(rewritten)).toMatchObject({
      ok: false,
      file: "instructions-for-use.jsonl",
      problem: `instructions ${ids.v3} differs from its audit entry in contentSha256`,
    });
  });

  it("a verification naming instructions the pack does not hold is refused", async () => {
    const dropped = await reSigned((f) => {
      const lines = linesOf(f.get("instructions-for-use.jsonl")!);
      f.set("instructions-for-use.jsonl", fromLines(lines.slice(0, 1)));
      const manifest = JSON.parse(f.get("manifest.json")!.toString()) as Manifest;
      manifest.files.find((x) => x.name === "instructions-for-use.jsonl")!.lines = 1;
      f.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
    }, "dropped.zip");
    expect(await verifyPack(dropped)).toMatchObject({
      ok: false,
      file: "verifications.jsonl",
      problem: `verification ${linesOf(files.get("verifications.jsonl")!).map((l) => JSON.parse(l).id)[1]} names instructions for use ${ids.v3}, which instructions-for-use.jsonl does not hold`,
    });
  });
});

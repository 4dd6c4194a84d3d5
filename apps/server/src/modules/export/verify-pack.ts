import type { KeyObject } from "node:crypto";
import { canonicalJson, sha256 } from "../../lib/hash";
import { genesisHash } from "../../audit/chain";
import { checkpointSignatureValid } from "../../audit/checkpoint";
import { keyIdOf, publicKeyFromPem } from "../../audit/signing-key";
import { chainWalk, type AuditLine, type RedactedAuditLine } from "../../audit/walk";
import type { CheckpointLine } from "./lines";
import { requestEntryIds, requestLineMismatch, requestsFile, type RequestLine } from "../affected-person-requests/pack";
import { manifestSignatureValid, packFormat, packFormats, requiredPackFiles, type Manifest } from "./manifest";
import { checkIncidentPack } from "../incidents/verify-pack";
import { incidentPackFormat, type IncidentManifest } from "../incidents/pack-manifest";
import { entryMismatch, escalationContentProblem, firstDifference, verificationFacts } from "./line-checks";
import { checked, openPack, PackProblem, parse, readText, type OpenPack } from "./read-pack";

export type PackVerdict =
  | { ok: true; kind: "proof-pack"; manifest: Manifest; keyFromPack: boolean }
  | { ok: true; kind: "incident-pack"; manifest: IncidentManifest; keyFromPack: boolean }
  | { ok: false; file: string; line?: number; problem: string };

/**
 * Verifies a proof pack offline, without a server or a database: the manifest's signature, every
 * file against its SHA-256 and line count, the hash chain of audit-log.jsonl (recomputing every
 * entry's hash: the system's own entries from their content, other entries, carried as hashes
 * only, from their place, previous hash and content hash), every checkpoint's signature and head, and that each verification and resolution
 * is the one its audit entry recorded. Stops at the first problem and names its file and line.
 * An incident pack (its manifest's format says so) is checked by its own rules (incidents/verify-pack.ts).
 */
export async function verifyPack(archive: string, options: { publicKeyPem?: string } = {}): Promise<PackVerdict> {
  let pack: OpenPack | undefined;
  try {
    pack = await openPack(archive);
    const manifest = await checkManifest(pack, options.publicKeyPem);
    const keyFromPack = !options.publicKeyPem;
    if (manifest.format === incidentPackFormat) {
      const incident = manifest as unknown as IncidentManifest;
      await checkIncidentPack(pack, incident);
      return { ok: true, kind: "incident-pack", manifest: incident, keyFromPack };
    }
    const key = publicKeyFromPem(manifest.publicKey);
    const listed = new Set(manifest.files.map((f) => f.name));
    for (const name of pack.entries.keys()) {
      if (name !== "manifest.json" && !listed.has(name)) throw new PackProblem(name, "is in the archive but not in the manifest");
    }
    for (const name of requiredPackFiles(manifest.format)) if (!listed.has(name)) throw new PackProblem("manifest.json", `does not list ${name}`);

    const checkpoints = new Map<number, CheckpointLine & { line: number }>();
    await checked(pack, manifest, "checkpoints.jsonl", (text, line) => {
      const c = parse<CheckpointLine>("checkpoints.jsonl", text, line);
      if (c.keyId !== manifest.keyId || !checkpointSignatureValid(c, key)) {
        throw new PackProblem("checkpoints.jsonl", `checkpoint #${c.seq}'s signature does not verify under the pack's public key`, line);
      }
      checkpoints.set(c.size, { ...c, line });
    });
    const decisions = await checkChain(pack, manifest, checkpoints);
    await checked(pack, manifest, "escalations.jsonl", (text, line) => {
      const e = parse<{ id: string; content: unknown; shownContentSha256: string; reopenings?: { id: string; round: number; reason: string; auditSeq: number }[] }>(
        "escalations.jsonl",
        text,
        line,
      );
      const contentProblem = escalationContentProblem(e);
      if (contentProblem) throw new PackProblem("escalations.jsonl", contentProblem, line);
      // Packs made before reversals carry no reopenings; each one listed must match its audit entry.
      for (const reopening of e.reopenings ?? []) {
        const mismatch = entryMismatch(decisions.get(reopening.id), reopening.auditSeq, { round: reopening.round, reasonSha256: sha256(String(reopening.reason)) });
        if (mismatch) throw new PackProblem("escalations.jsonl", `escalation ${e.id}: reopening ${reopening.id} ${mismatch}`, line);
      }
    });
    const instructions = listed.has("instructions-for-use.jsonl") ? await checkInstructions(pack, manifest, decisions) : null;
    await checked(pack, manifest, "verifications.jsonl", (text, line) => {
      const v = parse<Record<string, unknown> & { id: string }>("verifications.jsonl", text, line);
      const recorded = decisions.get(v.id);
      const underInstructions = v.instructionsVersionId;
      if (instructions && typeof underInstructions === "string" && !instructions.has(underInstructions)) {
        throw new PackProblem("verifications.jsonl", `verification ${v.id} names instructions for use ${underInstructions}, which instructions-for-use.jsonl does not hold`, line);
      }
      const mismatch = entryMismatch(recorded, v.auditSeq, verificationFacts(v));
      if (mismatch) throw new PackProblem("verifications.jsonl", `verification ${v.id} ${mismatch}`, line);
    });
    await checked(pack, manifest, "resolutions.jsonl", (text, line) => {
      const r = parse<Record<string, unknown> & { id: string }>("resolutions.jsonl", text, line);
      const recorded = decisions.get(r.id);
      const mismatch = !recorded
        ? "has no audit entry in the pack's chain segment"
        : firstDifference(recorded.payload, {
            outcome: r.outcome,
            rationaleSha256: sha256(String(r.rationale)),
            correctedOutputSha256: r.correctedOutput === null ? null : sha256(String(r.correctedOutput)),
          });
      if (mismatch) throw new PackProblem("resolutions.jsonl", `resolution ${r.id} ${mismatch}`, line);
    });
    if (listed.has(requestsFile)) {
      const inSegment = (seq: number) => seq >= manifest.chain.fromSeq && seq <= manifest.chain.toSeq;
      await checked(pack, manifest, requestsFile, (text, line) => {
        const request = parse<RequestLine>(requestsFile, text, line);
        const mismatch = requestLineMismatch(request, (id) => decisions.get(id), inSegment);
        if (mismatch) throw new PackProblem(requestsFile, `request ${request.id} ${mismatch}`, line);
      });
    }
    if (listed.has("monitoring-notices.jsonl")) {
      await checked(pack, manifest, "monitoring-notices.jsonl", (text, line) => {
        const a = parse<Record<string, unknown>>("monitoring-notices.jsonl", text, line);
        if (typeof a.reviewerId !== "string" || typeof a.noticeVersion !== "number" || typeof a.acknowledgedAt !== "string") {
          throw new PackProblem("monitoring-notices.jsonl", "an acknowledgement must name reviewerId, noticeVersion and acknowledgedAt", line);
        }
      });
    }
    if (listed.has("incidents.jsonl")) await checked(pack, manifest, "incidents.jsonl", (text, line) => void parse("incidents.jsonl", text, line));
    await checked(pack, manifest, "summary.csv", () => {});
    await checked(pack, manifest, "report.html", () => {});
    // Files this verifier has no rules for (a newer pack's): each held against its SHA-256 and line count.
    const known = requiredPackFiles(manifest.format);
    for (const { name } of manifest.files) {
      if (!known.includes(name)) await checked(pack, manifest, name, (text, line) => (name.endsWith(".jsonl") ? void parse(name, text, line) : undefined));
    }
    return { ok: true, kind: "proof-pack", manifest, keyFromPack };
  } catch (error) {
    if (error instanceof PackProblem) return { ok: false, file: error.file, ...(error.line ? { line: error.line } : {}), problem: error.message };
    throw error;
  } finally {
    pack?.zip.close();
  }
}

async function checkManifest(pack: OpenPack, publicKeyPem: string | undefined): Promise<Manifest> {
  const { text } = await readText(pack, "manifest.json");
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new PackProblem("manifest.json", "is not valid JSON");
  }
  if (!packFormats.includes(manifest.format) && manifest.format !== incidentPackFormat) {
    throw new PackProblem("manifest.json", `is not a ${packFormat} or ${incidentPackFormat} manifest`);
  }
  let packKey: KeyObject;
  try {
    packKey = publicKeyFromPem(manifest.publicKey);
  } catch {
    throw new PackProblem("manifest.json", "carries no readable public key");
  }
  if (keyIdOf(packKey) !== manifest.keyId) throw new PackProblem("manifest.json", "its keyId is not the id of its public key");
  if (publicKeyPem) {
    let given: KeyObject;
    try {
      given = publicKeyFromPem(publicKeyPem);
    } catch {
      throw new PackProblem("--public-key", "is not a PEM public key");
    }
    if (keyIdOf(given) !== manifest.keyId) {
      throw new PackProblem("manifest.json", `was signed by key ${manifest.keyId.slice(0, 16)}…, not by the key given (${keyIdOf(given).slice(0, 16)}…)`);
    }
  }
  if (!manifestSignatureValid(manifest, packKey)) throw new PackProblem("manifest.json", "its signature does not verify: the manifest was changed after export");
  return manifest;
}

type Recorded = { seq: number; payload: Record<string, unknown> };

/** audit-log.jsonl: seq continuity, each link and hash recomputed, heads against signed checkpoints. */
async function checkChain(pack: OpenPack, manifest: Manifest, checkpoints: Map<number, CheckpointLine & { line: number }>) {
  const file = "audit-log.jsonl";
  const decisions = new Map<string, Recorded>();
  const walk = chainWalk(
    { fromSeq: manifest.chain.fromSeq, prevHash: manifest.chain.fromSeq === 1 ? genesisHash : null },
    [...checkpoints.values()].map((c) => ({ source: `checkpoint #${c.seq} (checkpoints.jsonl line ${c.line})`, size: c.size, head: c.head })),
  );
  await checked(pack, manifest, file, (text, line) => {
    const entry = parse<AuditLine | RedactedAuditLine>(file, text, line);
    const broken = walk.step(entry);
    if (broken) throw new PackProblem(file, `entry ${entry.seq} fails: ${broken.problem}`, line);
    if (!("redacted" in entry)) {
      const payload = JSON.parse(entry.payload) as Record<string, unknown>;
      // A resolver's own verification is one entry naming both the verification and the resolution.
      // An affected person's request is recorded by one entry and each answer by its own; a version of instructions for use under its own id.
      for (const id of [
        payload.verificationId,
        entry.action === "escalation.resolved" ? payload.resolutionId : undefined,
        entry.action === "escalation.reopened" ? payload.reopeningId : undefined,
        payload.instructionsId,
        ...requestEntryIds(entry.action, payload),
      ]) {
        if (typeof id === "string") decisions.set(id, { seq: entry.seq, payload });
      }
    }
  });
  const last = walk.nextSeq() - 1;
  if (last !== manifest.chain.toSeq || walk.head() !== manifest.chain.segmentHead) {
    throw new PackProblem(file, `ends at entry ${last}, but the manifest's segment ends at ${manifest.chain.toSeq}`);
  }
  if (!checkpoints.has(manifest.chain.toSeq)) throw new PackProblem("checkpoints.jsonl", `no signed checkpoint covers the segment's last entry ${manifest.chain.toSeq}`);
  return decisions;
}

/**
 * instructions-for-use.jsonl: each version's texts hash to its contentSha256, and where its audit
 * entry is in the chain segment (recorded during the period), that entry names the same version and digest.
 * Returns the ids it holds, which every verification's instructionsVersionId must be among.
 */
async function checkInstructions(pack: OpenPack, manifest: Manifest, recordedEntries: Map<string, Recorded>): Promise<Set<string>> {
  const file = "instructions-for-use.jsonl";
  const ids = new Set<string>();
  await checked(pack, manifest, file, (text, line) => {
    const i = parse<Record<string, string> & { id: string; version: number; contentSha256: string }>(file, text, line);
    const texts = ["provider", "providerContact", "intendedPurpose", "knownLimitations", "oversightInstructions"] as const;
    const digest = sha256(canonicalJson(Object.fromEntries(texts.map((field) => [field, i[field]]))));
    if (digest !== i.contentSha256) throw new PackProblem(file, `instructions ${i.id} (version ${i.version}): its texts do not hash to its contentSha256`, line);
    const recorded = recordedEntries.get(i.id);
    const mismatch = recorded ? firstDifference(recorded.payload, { version: i.version, contentSha256: i.contentSha256 }) : null;
    if (mismatch) throw new PackProblem(file, `instructions ${i.id} ${mismatch}`, line);
    ids.add(i.id);
  });
  return ids;
}

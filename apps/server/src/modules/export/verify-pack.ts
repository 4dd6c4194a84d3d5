import type { KeyObject } from "node:crypto";
import { canonicalJson, sha256 } from "../../lib/hash";
import { genesisHash } from "../audit/chain";
import { checkpointSignatureValid } from "../audit/checkpoint";
import { keyIdOf, publicKeyFromPem } from "../audit/signing-key";
import { checkIncidentPack } from "../incidents/verify-pack";
import { incidentPackFormat, type IncidentManifest } from "../incidents/pack-manifest";
import { auditLineHashValid, type AuditLine, type CheckpointLine, type RedactedAuditLine } from "./lines";
import { manifestSignatureValid, packFiles, packFormat, packFormats, type Manifest } from "./manifest";
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
    for (const name of packFiles) if (!listed.has(name)) throw new PackProblem("manifest.json", `does not list ${name}`);

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
      const e = parse<{ id: string; content: unknown; shownContentSha256: string }>("escalations.jsonl", text, line);
      if (sha256(canonicalJson(e.content)) !== e.shownContentSha256) {
        throw new PackProblem("escalations.jsonl", `escalation ${e.id}: its content does not hash to its shownContentSha256`, line);
      }
    });
    await checked(pack, manifest, "verifications.jsonl", (text, line) => {
      const v = parse<Record<string, unknown> & { id: string }>("verifications.jsonl", text, line);
      const recorded = decisions.get(v.id);
      const mismatch = !recorded
        ? "has no audit entry in the pack's chain segment"
        : recorded.seq !== v.auditSeq
          ? `names audit entry ${String(v.auditSeq)}, but its entry is ${recorded.seq}`
          : firstDifference(recorded.payload, {
              outcome: v.outcome,
              rationaleSha256: sha256(String(v.rationale)),
              correctedOutputSha256: v.correctedOutput === null ? null : sha256(String(v.correctedOutput)),
              contentSha256: v.contentSha256,
              activeSeconds: v.activeSeconds,
            });
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
    await checked(pack, manifest, "summary.csv", () => {});
    await checked(pack, manifest, "report.html", () => {});
    // Files added to the pack since (incidents.jsonl, …): each held against its SHA-256 and line count.
    for (const { name } of manifest.files) {
      if (!(packFiles as readonly string[]).includes(name)) {
        await checked(pack, manifest, name, (text, line) => (name.endsWith(".jsonl") ? void parse(name, text, line) : undefined));
      }
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
  let expected = manifest.chain.fromSeq;
  let prev: string | null = manifest.chain.fromSeq === 1 ? genesisHash : null;
  let trusted = manifest.chain.fromSeq - 1;
  let last = "";
  await checked(pack, manifest, file, (text, line) => {
    const entry = parse<AuditLine | RedactedAuditLine>(file, text, line);
    if (entry.seq !== expected) {
      throw new PackProblem(file, entry.seq > expected ? `entry ${expected} is missing (entry ${entry.seq} comes next)` : `entry ${entry.seq} is out of order`, line);
    }
    if (prev !== null && entry.prevHash !== prev) throw new PackProblem(file, `entry ${entry.seq} does not link to the entry before it`, line);
    if (auditLineHashValid(entry) === false) {
      const what = "redacted" in entry ? "its place, previous hash and content hash do not" : "its content does not";
      throw new PackProblem(file, `entry ${entry.seq}: ${what} match its hash (the entry was altered)`, line);
    }
    const checkpoint = checkpoints.get(entry.seq);
    if (checkpoint) {
      if (checkpoint.head !== entry.hash) {
        throw new PackProblem(
          file,
          `the chain at entry ${entry.seq} differs from signed checkpoint #${checkpoint.seq} (checkpoints.jsonl line ${checkpoint.line}): an entry between seq ${trusted + 1} and ${entry.seq} was changed and the chain rebuilt`,
          line,
        );
      }
      trusted = entry.seq;
    }
    if (!("redacted" in entry)) {
      const payload = JSON.parse(entry.payload) as Record<string, unknown>;
      // A resolver's own verification is one entry naming both the verification and the resolution.
      for (const id of [payload.verificationId, entry.action === "escalation.resolved" ? payload.resolutionId : undefined]) {
        if (typeof id === "string") decisions.set(id, { seq: entry.seq, payload });
      }
    }
    prev = entry.hash;
    last = entry.hash;
    expected = entry.seq + 1;
  });
  if (expected - 1 !== manifest.chain.toSeq || last !== manifest.chain.segmentHead) {
    throw new PackProblem(file, `ends at entry ${expected - 1}, but the manifest's segment ends at ${manifest.chain.toSeq}`);
  }
  if (!checkpoints.has(manifest.chain.toSeq)) throw new PackProblem("checkpoints.jsonl", `no signed checkpoint covers the segment's last entry ${manifest.chain.toSeq}`);
  return decisions;
}

function firstDifference(recorded: Record<string, unknown>, actual: Record<string, unknown>): string | null {
  for (const [field, value] of Object.entries(actual)) {
    if (field in recorded && JSON.stringify(recorded[field]) !== JSON.stringify(value)) {
      return `differs from its audit entry in ${field}`;
    }
  }
  return null;
}

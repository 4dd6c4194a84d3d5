import type { KeyObject } from "node:crypto";
import type { LegalHold } from "@countersign/shared/retention";
import { signValue, verifyValue } from "../../audit/signing-key";

/**
 * Format 2 carries other systems' audit entries as hashes only; format 3 adds the files of
 * `packFilesSince3`. Packs of formats 1 and 2 still verify.
 */
export const packFormat = "countersign-proof-pack/3";
export const packFormats: readonly string[] = ["countersign-proof-pack/1", "countersign-proof-pack/2", packFormat];


/** The data files of a pack, in archive order; manifest.json comes last. */
const packFiles = [
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
] as const;

/** Files a pack lists from format 3 on; a pack made before them verifies without them. */
export const packFilesSince3: readonly string[] = [
  "instructions-for-use.jsonl",
  "monitoring-notices.jsonl",
  "affected-person-requests.jsonl",
  "incidents.jsonl",
];

/** The files a pack of this format must list. */
export function requiredPackFiles(format: string): readonly string[] {
  return format === packFormat ? packFiles : packFiles.filter((name) => !packFilesSince3.includes(name));
}

export type ManifestFile = { name: string; sha256: string; bytes: number; lines: number };

export type ManifestContent = {
  format: string;
  generatedAt: string;
  generatedBy: { userId: string };
  system: { id: string; slug: string; name: string; oversightMode: string };
  period: { from: string; to: string };
  files: ManifestFile[];
  counts: {
    escalations: number;
    verifications: number;
    resolutions: number;
    instructionsVersions?: number;
    monitoringAcknowledgements?: number;
    affectedPersonRequests?: number;
    /** Since incidents.jsonl joined the pack (the period's serious incidents and malfunctions). */
    incidents?: number;
    auditEntries: number;
    checkpoints: number;
  };
  /** The hash chain slice in audit-log.jsonl: the entry before the period through the checkpoint covering its end. */
  chain: { fromSeq: number; toSeq: number; segmentHead: string; verifiedAtExport: boolean };
  /** audit-log.jsonl holds this system's entries in full and every other entry as hashes only. */
  disclosure: { ownEntries: number; redactedEntries: number; legacyUnlinked: number; rule: string };
  /** Whether the server sent its checkpoints to an outside witness when the pack was made. */
  witness: { configured: boolean; whatItAdds: string; warning: string | null };
  /** Legal holds on the system or its escalations, in force and lifted: what purging was told to keep. */
  legalHolds: LegalHold[];
  publicKey: string;
  keyId: string;
};
export type Manifest = ManifestContent & { signature: string };

/** The signature covers the canonical JSON (RFC 8785) of every manifest field but itself. */
export function signManifest(content: ManifestContent, privateKey: KeyObject): Manifest {
  return { ...content, signature: signValue(privateKey, content) };
}

export function manifestSignatureValid(manifest: Manifest, publicKey: KeyObject): boolean {
  const { signature, ...content } = manifest;
  return typeof signature === "string" && verifyValue(publicKey, content, signature);
}

import type { KeyObject } from "node:crypto";
import { signValue, verifyValue } from "../audit/signing-key";

export const packFormat = "countersign-proof-pack/1";

/** The data files of a pack, in archive order; manifest.json comes last. */
export const packFiles = [
  "escalations.jsonl",
  "verifications.jsonl",
  "resolutions.jsonl",
  "audit-log.jsonl",
  "checkpoints.jsonl",
  "summary.csv",
  "report.html",
] as const;

export type ManifestFile = { name: string; sha256: string; bytes: number; lines: number };

export type ManifestContent = {
  format: typeof packFormat;
  generatedAt: string;
  generatedBy: { userId: string };
  system: { id: string; slug: string; name: string; oversightMode: string };
  period: { from: string; to: string };
  files: ManifestFile[];
  counts: { escalations: number; verifications: number; resolutions: number; auditEntries: number; checkpoints: number };
  /** The hash chain slice in audit-log.jsonl: the entry before the period through the checkpoint covering its end. */
  chain: { fromSeq: number; toSeq: number; segmentHead: string; verifiedAtExport: boolean };
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

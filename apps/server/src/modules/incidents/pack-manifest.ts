import type { ManifestFile } from "../export/manifest";

export const incidentPackFormat = "countersign-incident-pack/1";

/** The data files of an incident pack, in archive order; manifest.json comes last. */
export const incidentPackFiles = ["incident.json", "notifications.jsonl", "escalations.jsonl", "verifications.jsonl", "audit-log.jsonl"] as const;

export type IncidentManifestContent = {
  format: typeof incidentPackFormat;
  generatedAt: string;
  generatedBy: { userId: string };
  system: { id: string; slug: string; name: string };
  incident: { id: string; kind: string; article: string; reportDueAt: string | null };
  files: ManifestFile[];
  counts: { notifications: number; escalations: number; verifications: number; auditEntries: number };
  /** What the audit entries prove on their own, and what they do not. */
  auditScope: string;
  publicKey: string;
  keyId: string;
};
export type IncidentManifest = IncidentManifestContent & { signature: string };

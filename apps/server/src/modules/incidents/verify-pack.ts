import { sha256 } from "../../lib/hash";
import { entryHashMatches, type ChainedEntry } from "../../audit/chain";
import type { AuditLine } from "../../audit/walk";
import { entryMismatch, escalationContentProblem, firstDifference, verificationFacts } from "../export/line-checks";
import { checked, PackProblem, parse, type OpenPack } from "../export/read-pack";
import { incidentPackFiles, type IncidentManifest } from "./pack-manifest";

type Recorded = { seq: number; action: string; payload: Record<string, unknown> };

/**
 * Checks an incident pack whose manifest's signature has verified: every file against its SHA-256
 * and line count, every audit entry against its own hash, and the incident, each notification and
 * each verification against the audit entry that recorded it. Throws the first problem found.
 */
export async function checkIncidentPack(pack: OpenPack, manifest: IncidentManifest): Promise<void> {
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const name of pack.entries.keys()) {
    if (name !== "manifest.json" && !listed.has(name)) throw new PackProblem(name, "is in the archive but not in the manifest");
  }
  for (const name of incidentPackFiles) if (!listed.has(name)) throw new PackProblem("manifest.json", `does not list ${name}`);

  const byRecord = new Map<string, Recorded>();
  let recorded: Recorded | undefined;
  let lastSeq = 0;
  await checked(pack, manifest, "audit-log.jsonl", (text, line) => {
    const entry = parse<AuditLine>("audit-log.jsonl", text, line);
    if (entry.seq <= lastSeq) throw new PackProblem("audit-log.jsonl", `entry ${entry.seq} is out of order`, line);
    if (!entryHashMatches(entry as ChainedEntry, entry.hash)) {
      throw new PackProblem("audit-log.jsonl", `entry ${entry.seq}: its content does not match its hash (the entry was altered)`, line);
    }
    lastSeq = entry.seq;
    const payload = JSON.parse(entry.payload) as Record<string, unknown>;
    const at = { seq: entry.seq, action: entry.action, payload };
    if (entry.action === "incident.recorded" && entry.entityId === manifest.incident.id) recorded = at;
    for (const id of [payload.notificationId, payload.verificationId]) if (typeof id === "string") byRecord.set(id, at);
  });
  if (!recorded) throw new PackProblem("audit-log.jsonl", `has no incident.recorded entry for incident ${manifest.incident.id}`);

  const incidentFact = recorded.payload;
  await checked(pack, manifest, "incident.json", (text, line) => {
    const incident = parse<Record<string, unknown>>("incident.json", text, line);
    const mismatch =
      incident.id !== manifest.incident.id
        ? "is not the incident the manifest names"
        : firstDifference(incidentFact, {
            kind: incident.kind,
            awareAt: incident.awareAt,
            occurredAt: incident.occurredAt,
            reportDueAt: incident.reportDueAt,
            titleSha256: sha256(String(incident.title)),
            descriptionSha256: sha256(String(incident.description)),
          });
    if (mismatch) throw new PackProblem("incident.json", `the incident ${mismatch}`, line);
  });
  await checked(pack, manifest, "notifications.jsonl", (text, line) => {
    const n = parse<Record<string, unknown> & { id: string }>("notifications.jsonl", text, line);
    const entry = byRecord.get(n.id);
    const mismatch = !entry
      ? "has no audit entry in the pack"
      : firstDifference(entry.payload, {
          party: n.party,
          notifiedAt: n.notifiedAt,
          recipientSha256: sha256(String(n.recipient)),
          noteSha256: sha256(String(n.note)),
        });
    if (mismatch) throw new PackProblem("notifications.jsonl", `notification ${n.id} ${mismatch}`, line);
  });
  await checked(pack, manifest, "escalations.jsonl", (text, line) => {
    const e = parse<{ id: string; content: unknown; shownContentSha256: string }>("escalations.jsonl", text, line);
    const contentProblem = escalationContentProblem(e);
    if (contentProblem) throw new PackProblem("escalations.jsonl", contentProblem, line);
  });
  await checked(pack, manifest, "verifications.jsonl", (text, line) => {
    const v = parse<Record<string, unknown> & { id: string }>("verifications.jsonl", text, line);
    const mismatch = entryMismatch(byRecord.get(v.id), v.auditSeq, verificationFacts(v));
    if (mismatch) throw new PackProblem("verifications.jsonl", `verification ${v.id} ${mismatch}`, line);
  });
}

import { ZipFile } from "yazl";
import { incidentKinds } from "@countersign/shared/incidents";
import type { Deps } from "../../lib/context";
import { canonicalJson, sha256 } from "../../lib/hash";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { signingKeyFor, signValue } from "../../audit/signing-key";
import { escalationLine, verificationLine } from "../export/lines";
import { systemById } from "../systems/queries";
import { linkedAuditRows, linkedEscalationRows, linkedVerificationRows, notificationLines } from "./pack-lines";
import { incidentPackFormat, type IncidentManifestContent } from "./pack-manifest";
import { incidentDetail, incidentRow } from "./queries";

type Exporter = { id: string; name: string };

/**
 * The incident pack for the provider: the incident with its reporting clock and notifications, the
 * linked escalations as the reviewers saw them, their verifications and every audit entry about
 * them, under a manifest signed with the instance's key (the proof pack's). The export is audited
 * first, so the pack carries its own export entry. An incident links a handful of escalations: the
 * pack is built in memory.
 */
export async function incidentPack(deps: Deps, exporter: Exporter, incidentId: string) {
  const incident = await incidentRow(deps.db, incidentId);
  const system = await systemById(deps.db, incident.systemId);
  const now = deps.now();
  await write(deps.db, (tx) =>
    appendAudit(tx, { type: "user", id: exporter.id }, now, { action: "export.incident_pack", entityType: "incident", entityId: incident.id, payload: { systemId: system.id } }),
  );
  const key = signingKeyFor(deps.db);
  const detail = await incidentDetail(deps.db, now, incident.id);
  const contentSha256 = (content: unknown) => sha256(canonicalJson(content));
  const kind = incidentKinds[incident.kind];
  const { notifications: _listed, ...rest } = detail;
  const files: [string, string][] = [
    ["incident.json", `${JSON.stringify({ ...rest, reportingRule: { article: kind.article, rule: kind.rule, reportWithinDays: kind.reportWithinDays } })}\n`],
    ["notifications.jsonl", jsonLines(await notificationLines(deps.db, incident.id))],
    ["escalations.jsonl", jsonLines((await linkedEscalationRows(deps.db, incident.id)).map((row) => escalationLine(row, contentSha256)))],
    ["verifications.jsonl", jsonLines((await linkedVerificationRows(deps.db, incident.id)).map(verificationLine))],
    ["audit-log.jsonl", jsonLines(await linkedAuditRows(deps.db, incident.id))],
  ];
  const lineCount = (text: string) => (text === "" ? 0 : text.split("\n").length - 1);
  const count = (name: string) => lineCount(files.find(([n]) => n === name)![1]);
  const content: IncidentManifestContent = {
    format: incidentPackFormat,
    generatedAt: new Date(now).toISOString(),
    generatedBy: { userId: exporter.id },
    system: { id: system.id, slug: system.slug, name: system.name },
    incident: { id: incident.id, kind: incident.kind, article: kind.article, reportDueAt: detail.reportDueAt },
    files: files.map(([name, text]) => ({ name, sha256: sha256(text), bytes: Buffer.byteLength(text, "utf8"), lines: lineCount(text) })),
    counts: {
      notifications: count("notifications.jsonl"),
      escalations: count("escalations.jsonl"),
      verifications: count("verifications.jsonl"),
      auditEntries: count("audit-log.jsonl"),
    },
    auditScope:
      "the audit entries about this incident and its escalations, each in full with its hash; they are a selection of the hash chain, not a continuous segment: the chain itself is proven by the proof pack of the period",
    publicKey: key.publicKeyPem,
    keyId: key.keyId,
  };
  const zip = new ZipFile();
  const options = { mtime: new Date(now), compress: true };
  for (const [name, text] of files) zip.addBuffer(Buffer.from(text, "utf8"), name, options);
  zip.addBuffer(Buffer.from(`${JSON.stringify({ ...content, signature: signValue(key.privateKey, content) }, null, 2)}\n`, "utf8"), "manifest.json", options);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return { filename: `incident-pack-${system.slug}-${incident.id}.zip`, archive: Buffer.concat(chunks) };
}

function jsonLines(rows: unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join("");
}

import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { ZipFile } from "yazl";
import { witnessAdds, type ProofPackQuery } from "@countersign/shared/proof";
import type { Deps } from "../../lib/context";
import { canonicalJson, sha256 } from "../../lib/hash";
import { statement } from "../../lib/prepared";
import { write } from "../../lib/tx";
import { appendAudit } from "../../audit/append";
import { chainWalk, type AuditLine, type RedactedAuditLine } from "../../audit/walk";
import { checkpointSettings, checkpointSignatureValid, createCheckpoint } from "../../audit/checkpoint";
import { signingKeyFor } from "../../audit/signing-key";
import { requestLine, requestRows, requestsFile } from "../affected-person-requests/pack";
import { periodIncidentLines } from "../incidents/period";
import { legalHoldsOf } from "../retention/holds";
import { systemBySlug } from "../systems/queries";
import { dailySummary, packFigures } from "./figures";
import {
  auditLine,
  auditRows,
  chainSegment,
  checkpointRows,
  deliveryCounts,
  escalationLine,
  escalationRows,
  resolutionLine,
  resolutionRows,
  verificationLine,
  verificationRows,
  type CheckpointLine,
  type PackScope,
} from "./lines";
import { acknowledgementLine, acknowledgementRows, instructionsLine, instructionsRows, oversightCoverage } from "./oversight-lines";
import { packFormat, signManifest, type ManifestContent } from "./manifest";
import { renderReport } from "./report-html";
import { fileStats, finish, jsonLines, openSnapshot, wholeFile, type FileStats } from "./snapshot";

export type Exporter = { id: string; name: string };

/**
 * The auditor's proof pack for one AI system and period, as a zip streamed file by file: rows
 * come from a read snapshot a batch at a time, so memory stays bounded at any volume. The export
 * is an audit entry itself, and the log's head is signed first so the pack's chain segment
 * ends on a signed checkpoint.
 */
export async function proofPack(deps: Deps, exporter: Exporter, query: ProofPackQuery) {
  const system = await systemBySlug(deps.db, query.system);
  const [from, to] = [Date.parse(query.from), Date.parse(query.to)];
  const now = deps.now();
  await write(deps.db, (tx) =>
    appendAudit(tx, { type: "user", id: exporter.id }, now, {
      action: "export.proof_pack",
      entityType: "ai_system",
      entityId: system.id,
      payload: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    }),
  );
  await createCheckpoint(deps.db, now);
  const key = signingKeyFor(deps.db);
  const witnessed = Boolean(checkpointSettings(deps.db).witness);
  const holds = await legalHoldsOf(deps.db, system.id);
  const snapshot = openSnapshot(deps.db);
  let scope: PackScope;
  let figures: Awaited<ReturnType<typeof packFigures>>;
  let summary: Awaited<ReturnType<typeof dailySummary>>;
  let delivery: Awaited<ReturnType<typeof deliveryCounts>>;
  let coverage: Awaited<ReturnType<typeof oversightCoverage>>;
  let anchors: Anchor[];
  try {
    scope = { systemId: system.id, from, to, ...(await chainSegment(snapshot, from, to)) };
    figures = await packFigures(snapshot, scope);
    summary = await dailySummary(snapshot, scope);
    delivery = await deliveryCounts(snapshot, scope);
    coverage = await oversightCoverage(snapshot, scope);
    anchors = await statement(snapshot.db, "SELECT seq, size, head FROM checkpoints WHERE size >= ? AND size <= ? ORDER BY seq").all<Anchor>(
      scope.fromSeq,
      scope.toSeq,
    );
  } catch (error) {
    await snapshot.close();
    throw error;
  }

  const stats = {
    escalations: fileStats("escalations.jsonl"),
    verifications: fileStats("verifications.jsonl"),
    resolutions: fileStats("resolutions.jsonl"),
    instructions: fileStats("instructions-for-use.jsonl"),
    acknowledgements: fileStats("monitoring-notices.jsonl"),
    affectedPersonRequests: fileStats(requestsFile),
    audit: fileStats("audit-log.jsonl"),
    checkpoints: fileStats("checkpoints.jsonl"),
    summary: fileStats("summary.csv"),
    report: fileStats("report.html"),
    incidents: fileStats("incidents.jsonl"),
  };
  const chain = chainChecker(anchors, scope);
  const zip = new ZipFile();
  const options = { mtime: new Date(now), compress: true };
  const lazy = (stats: FileStats, open: () => Iterable<Buffer> | AsyncIterable<Buffer>) =>
    zip.addReadStreamLazy(stats.name, options, (done) => {
      try {
        done(null, Readable.from(open(), { objectMode: false }));
      } catch (error) {
        done(error, Readable.from([]));
      }
    });
  const contentSha256 = (content: unknown) => sha256(canonicalJson(content));

  lazy(stats.escalations, () => jsonLines(escalationRows(snapshot, scope), (row) => escalationLine(row, contentSha256), stats.escalations, snapshot));
  lazy(stats.verifications, () => jsonLines(verificationRows(snapshot, scope), verificationLine, stats.verifications, snapshot));
  lazy(stats.resolutions, () => jsonLines(resolutionRows(snapshot, scope), resolutionLine, stats.resolutions, snapshot));
  lazy(stats.instructions, () => jsonLines(instructionsRows(snapshot, scope), instructionsLine, stats.instructions, snapshot));
  lazy(stats.acknowledgements, () => jsonLines(acknowledgementRows(snapshot, scope), acknowledgementLine, stats.acknowledgements, snapshot));
  lazy(stats.affectedPersonRequests, () =>
    jsonLines(requestRows(snapshot, scope), requestLine, stats.affectedPersonRequests, snapshot),
  );
  lazy(stats.audit, () => jsonLines(auditRows(snapshot, scope), (row) => chain.entry(auditLine(row)), stats.audit, snapshot));
  lazy(stats.checkpoints, () =>
    jsonLines(checkpointRows(snapshot, scope), (c) => chain.checkpoint(c, key.publicKey), stats.checkpoints, snapshot),
  );
  lazy(stats.summary, () => [wholeFile(stringify(summary, { header: true, columns: summaryColumns }), stats.summary)]);
  lazy(stats.report, () => [
    wholeFile(
      renderReport(figures, {
        fromSeq: scope.fromSeq,
        toSeq: scope.toSeq,
        segmentHead: chain.head(),
        chainVerified: chain.problem() === null,
        chainProblem: chain.problem(),
        checkpoints: stats.checkpoints.lines,
        checkpointsVerified: chain.problem() === null,
        keyId: key.keyId,
        publicKeyPem: key.publicKeyPem,
        generatedAt: new Date(now).toISOString(),
        generatedBy: exporter.name,
        redactedEntries: chain.redacted().entries,
        legacyUnlinked: chain.redacted().legacyUnlinked,
        witnessed,
        legalHolds: holds,
        delivery,
        oversight: { instructionsVersions: stats.instructions.lines, ...coverage },
      }),
      stats.report,
    ),
  ]);
  lazy(stats.incidents, async function* () {
    const lines = await periodIncidentLines(snapshot.db, scope, now);
    yield wholeFile(lines.map((line) => `${JSON.stringify(line)}\n`).join(""), stats.incidents);
  });
  zip.addReadStreamLazy("manifest.json", options, (done) => {
    const content: ManifestContent = {
      format: packFormat,
      generatedAt: new Date(now).toISOString(),
      generatedBy: { userId: exporter.id },
      system: { id: system.id, slug: system.slug, name: system.name, oversightMode: system.oversightMode },
      period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      files: Object.values(stats).map((s) => ({ name: s.name, sha256: finish(s).sha256, bytes: s.bytes, lines: s.lines })),
      counts: {
        escalations: stats.escalations.lines,
        verifications: stats.verifications.lines,
        resolutions: stats.resolutions.lines,
        affectedPersonRequests: stats.affectedPersonRequests.lines,
        instructionsVersions: stats.instructions.lines,
        monitoringAcknowledgements: stats.acknowledgements.lines,
        auditEntries: stats.audit.lines,
        checkpoints: stats.checkpoints.lines,
        incidents: stats.incidents.lines,
      },
      chain: { fromSeq: scope.fromSeq, toSeq: scope.toSeq, segmentHead: chain.head(), verifiedAtExport: chain.problem() === null },
      disclosure: {
        ownEntries: stats.audit.lines - chain.redacted().entries,
        redactedEntries: chain.redacted().entries,
        legacyUnlinked: chain.redacted().legacyUnlinked,
        rule: "this system's audit entries in full; every other entry (other systems, users, sign-ins) as its seq, previous hash, content hash and hash only",
      },
      witness: {
        configured: witnessed,
        whatItAdds: witnessAdds,
        warning: witnessed ? null : "No witness was configured (COUNTERSIGN_WITNESS): the checkpoints in this pack were held only by the server that signed them.",
      },
      legalHolds: holds,
      publicKey: key.publicKeyPem,
      keyId: key.keyId,
    };
    void snapshot.close();
    done(null, Readable.from([Buffer.from(`${JSON.stringify(signManifest(content, key.privateKey), null, 2)}\n`, "utf8")]));
  });
  zip.end();
  const output = zip.outputStream as Readable;
  output.once("close", () => void snapshot.close());
  output.once("error", () => void snapshot.close());
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { filename: `proof-pack-${system.slug}-${day(from)}-to-${day(to)}.zip`, stream: output };
}

const summaryColumns = [
  "date",
  "received",
  "gold_copies",
  "verifications",
  "approved",
  "modified",
  "rejected",
  "escalated",
  "overrides",
  "gold_caught",
  "mean_active_seconds",
];

/**
 * Re-verifies the chain segment while it streams out (each hash, each link, the head at each
 * checkpoint of the segment) and each checkpoint's signature, so report.html can state what was
 * checked at export.
 */
type Anchor = { seq: number; size: number; head: string };

function chainChecker(anchors: Anchor[], scope: PackScope) {
  const walk = chainWalk(
    { fromSeq: scope.fromSeq, prevHash: null },
    anchors.map((c) => ({ source: `checkpoint #${c.seq}`, size: c.size, head: c.head })),
  );
  let problem: string | null = null;
  let redacted = 0;
  let unlinked = 0;
  return {
    entry(row: AuditLine | RedactedAuditLine) {
      if (problem === null) {
        const broken = walk.step(row);
        if (broken) problem = `entry ${row.seq} fails: ${broken.problem}`;
      }
      if ("redacted" in row) {
        redacted += 1;
        if (row.contentSha256 === null) unlinked += 1;
      }
      return row;
    },
    checkpoint(c: CheckpointLine, publicKey: Parameters<typeof checkpointSignatureValid>[1]) {
      if (problem === null && !checkpointSignatureValid(c, publicKey)) problem = `checkpoint #${c.seq}'s signature does not verify`;
      return c;
    },
    head: () => walk.head(),
    problem: () => problem,
    /** Entries of others carried as hashes only; of those, legacy entries whose link cannot be recomputed. */
    redacted: () => ({ entries: redacted, legacyUnlinked: unlinked }),
  };
}

import type { LegalHold } from "@countersign/shared/retention";
import { witnessAdds } from "@countersign/shared/proof";
import { bidiMarked } from "@countersign/shared/bidi";
import { formatDateTimeWithIso, formatDuration, formatPercent } from "@countersign/shared/format";
import { bidiControlCss, untrustedHtml } from "../../lib/untrusted-html";
import type { PackFigures } from "./figures";

/** Text that is already HTML (built by `html` itself); everything else is escaped. */
class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

/**
 * Every interpolated value is HTML-escaped (bidirectional controls shown as markers) unless it is
 * itself the output of `html`. Interpolations sit in element content only, never in attributes.
 */
function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const part = (value: unknown): string =>
    value instanceof Html ? value.text : Array.isArray(value) ? value.map(part).join("") : untrustedHtml(value);
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ""), ""));
}

// A share is at most 100 %; a stored figure above that (an alert raised before volume conflicts were
// told apart) is named for what it is instead of being printed as a percentage.
const percent = (share: number | null) =>
  share === null ? "not measurable (no data)" : share > 1 ? "not a rate: more escalations than reported outputs" : formatPercent(share);
const seconds = (value: number | null) => formatDuration(value);
// Dates for people, with the ISO form beside them for whoever checks the files against the report.
const when = (at: string) => formatDateTimeWithIso(at);
const row = (label: string, value: unknown) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;

export type Integrity = {
  fromSeq: number;
  toSeq: number;
  segmentHead: string;
  chainVerified: boolean;
  chainProblem: string | null;
  checkpoints: number;
  checkpointsVerified: boolean;
  keyId: string;
  publicKeyPem: string;
  generatedAt: string;
  generatedBy: string;
  /** Entries of others in the segment, carried as hashes only. */
  redactedEntries: number;
  legacyUnlinked: number;
  witnessed: boolean;
  legalHolds: LegalHold[];
  /** Decisions of the period, and how many the AI system has read over REST. */
  delivery: { decided: number; fetched: number };
  /** Versions of the instructions for use in force during the period; the period's reviewers, and how many had acknowledged the monitoring notice. */
  oversight: { instructionsVersions: number; reviewers: number; acknowledged: number };
};

/** report.html: readable on its own, no scripts, no outside resources, every value escaped. */
export function renderReport(f: PackFigures, integrity: Integrity): string {
  const { system, volume, decisions, timeOnTask, gold } = f;
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Proof of oversight — ${bidiMarked(system.name)} — ${f.period.from} to ${f.period.to}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
th[scope=row]{width:40%;font-weight:600}.ok{color:#0a6b2c}.bad{color:#a40000;font-weight:700}code,pre{font-size:.8rem;word-break:break-all;white-space:pre-wrap}
${new Html(bidiControlCss)}
</style>
</head>
<body>
<h1>Proof of human oversight: ${system.name}</h1>
<p>Period ${when(f.period.from)} to ${when(f.period.to)}. Generated ${when(integrity.generatedAt)} by ${integrity.generatedBy}.</p>

<h2>The AI system</h2>
<table>
${row("System", `${system.name} (${system.slug})`)}
${row("What it decides", system.description || "–")}
${row("Oversight mode", system.oversightMode)}
${row("State at export", system.state)}
${row("Independent verifications required per escalation", system.policy.requiredVerifications)}
${row("Minimum time before an approval", `${system.policy.minDwellSeconds} s`)}
${row("Minimum rationale", `${system.policy.minRationaleChars} characters`)}
${row("Retention of content", system.policy.retentionMonths === null ? "kept indefinitely" : `${system.policy.retentionMonths} calendar months after the decision, purged daily unless a legal hold keeps it`)}
</table>

<h2>Legal holds</h2>
<table><thead><tr><th>Covers</th><th>Placed</th><th>Reason</th><th>Lifted</th></tr></thead><tbody>
${integrity.legalHolds.map((h) => html`<tr><td>${h.escalationId ? html`escalation <code>${h.escalationId}</code>` : "the whole system"}</td><td>${when(h.placedAt)} by ${h.placedBy}</td><td>${h.reason}</td><td>${h.liftedAt ? `${when(h.liftedAt)} by ${h.liftedBy ?? "–"}: ${h.liftReason ?? ""}` : "in force"}</td></tr>`)}
${integrity.legalHolds.length === 0 ? html`<tr><td colspan="4">No legal hold has been placed on this system or its escalations.</td></tr>` : ""}
</tbody></table>

<h2>Instructions for use and the monitoring notice</h2>
<table>
${row("Versions of the provider's instructions for use in force during the period (Art. 13, 26(1))", integrity.oversight.instructionsVersions === 0 ? "none recorded" : `${integrity.oversight.instructionsVersions}, in instructions-for-use.jsonl; each verification names the version it was made under`)}
${row("Reviewers of the period who had acknowledged the notice of what Countersign measures about their work", `${integrity.oversight.acknowledged} of ${integrity.oversight.reviewers}, in monitoring-notices.jsonl`)}
</table>

<h2>Reviewers and their qualifications</h2>
<table><thead><tr><th>Reviewer</th><th>Training or competence</th><th>Valid</th><th>Authority</th></tr></thead><tbody>
${f.qualifications.length === 0 ? html`<tr><td colspan="4">No reviewer held a qualification for this system during the period.</td></tr>` : ""}
${f.qualifications.map((q) => html`<tr><td>${q.name}</td><td>${q.training}</td><td>${when(q.obtainedAt)} to ${when(q.expiresAt)}${q.revokedAt ? html` <span class="bad">revoked ${when(q.revokedAt)}</span>` : ""}</td><td>${q.authority.join(", ")}</td></tr>`)}
</tbody></table>
<table><thead><tr><th>Reviewer</th><th>Verifications</th><th>Approvals</th><th>Overrides</th><th>Gold caught</th><th>Mean active time</th></tr></thead><tbody>
${f.reviewers.map((r) => html`<tr><td>${r.name}</td><td>${r.verifications}</td><td>${r.approvals}</td><td>${r.overrides}</td><td>${r.goldCaught} of ${r.goldServed}</td><td>${seconds(r.avgActiveSeconds)}</td></tr>`)}
${f.reviewers.length === 0 ? html`<tr><td colspan="6">No verifications in the period.</td></tr>` : ""}
</tbody></table>

<h2>Volumes and verification rates</h2>
<table>
${row("AI outputs reported by the system", `${volume.reportedOutputs} (${volume.reportedPeriods} reported periods)`)}
${row("Escalated to people", volume.escalated)}
${row("Of those, received within the reported periods", volume.escalatedInReportedPeriods)}
${row("Verification rate (escalated ÷ AI outputs, over the reported periods)", volume.volumeConflict ? html`<span class="bad">${volume.volumeConflict}</span>` : percent(volume.verificationRate))}
${row("Escalations decided (share of those received)", percent(volume.reviewedShare))}
${row("Effective verification rate (decided share × gold catch rate)", percent(volume.effectiveVerificationRate))}
</table>

<h2>Decisions and overrides</h2>
<table>
${row("Escalations decided", decisions.total)}
${row("Approved", decisions.approved)}
${row("Modified", decisions.modified)}
${row("Rejected", decisions.rejected)}
${row("Escalated further", decisions.escalated)}
${row("Overrides of the AI output (modified + rejected)", decisions.overrides)}
${row("Verifications recorded", decisions.verifications)}
${row("Two-person disagreements", decisions.disputed)}
${row("Resolved by a lead", decisions.resolvedByLead)}
${row("Decisions reopened for a new review round (Art. 14(4)(d); the decided counts above are the decisions in force)", decisions.reopened)}
</table>

<h2>Delivery to the AI system</h2>
<p>Countersign records when each decision was available to the AI system and when the AI system first fetched it over the REST API (escalations.jsonl: decidedAt, decisionFetchedAt). It does not record what the AI system did with a decision afterwards.</p>
<table>
${row("Decisions available to the AI system", integrity.delivery.decided)}
${row("Fetched by the AI system", integrity.delivery.fetched)}
${row("Not fetched yet", integrity.delivery.decided - integrity.delivery.fetched)}
</table>

<h2>Time on task</h2>
<table>
${row("Verifications", timeOnTask.verifications)}
${row("10th percentile", seconds(timeOnTask.p10))}
${row("Median", seconds(timeOnTask.median))}
${row("90th percentile", seconds(timeOnTask.p90))}
${row("Longest", seconds(timeOnTask.max))}
${timeOnTask.buckets.map((b) => row(b.bucket, b.n))}
</table>

<h2>Gold items</h2>
<table>
${row("Gold items decided", gold.served)}
${row("Caught (the known correct outcome reached)", gold.caught)}
${row("Catch rate", percent(gold.catchRate))}
</table>

<h2>Stops and alerts</h2>
<table><thead><tr><th>When</th><th>What</th><th>Why</th></tr></thead><tbody>
${f.stops.map((s) => html`<tr><td>${when(s.at)}</td><td>${s.action === "system.halted" ? "Stopped" : "Resumed"}</td><td>${s.reason}</td></tr>`)}
${f.alerts.map((a) => html`<tr><td>${when(a.raisedAt)}</td><td>Drift alert${a.clearedAt ? html`, cleared ${when(a.clearedAt)}` : ""}</td><td>measured ${percent(a.measuredRate)} against the assumed ${percent(a.assumedRate)}</td></tr>`)}
${f.stops.length + f.alerts.length === 0 ? html`<tr><td colspan="3">No stops and no drift alerts in the period.</td></tr>` : ""}
</tbody></table>

<h2>Integrity</h2>
<p class="${integrity.chainVerified && integrity.checkpointsVerified ? "ok" : "bad"}">${
    integrity.chainVerified && integrity.checkpointsVerified
      ? `The audit log segment in this pack (entries ${integrity.fromSeq} to ${integrity.toSeq}) was re-verified while exporting: every entry hashes to its recorded hash and links to the one before it, and each of the ${integrity.checkpoints} signed checkpoints in it matches the chain.`
      : `The audit log segment did NOT verify while exporting: ${integrity.chainProblem ?? "a checkpoint does not match"}.`
  }</p>
<p>Every file in this pack is listed in manifest.json with its SHA-256; the manifest is signed with the server's Ed25519 key (id ${integrity.keyId}). Check the whole pack offline with <code>countersign verify-pack &lt;archive&gt; --public-key &lt;file&gt;</code>, using a copy of the public key obtained independently of this pack:</p>
<pre>${integrity.publicKeyPem}</pre>
<p>Segment head: <code>${integrity.segmentHead}</code>. Personal data (names, emails) is never part of a hashed entry, so erasing a person leaves the log verifiable.</p>
<p>audit-log.jsonl holds this system's entries in full. The ${integrity.redactedEntries} other entries in the segment (other AI systems, user accounts, sign-ins) are carried as hashes only: their place, previous hash, content hash and hash, enough to recompute the chain link by link without disclosing what they say.${
    integrity.legacyUnlinked > 0
      ? ` ${integrity.legacyUnlinked} of them were written before content hashes were recorded separately; their links are taken as recorded and are covered only by the signed checkpoints.`
      : ""
  }</p>
<h3>Witness</h3>
<p>${witnessAdds}</p>
<p class="${integrity.witnessed ? "ok" : "bad"}">${
    integrity.witnessed
      ? "A witness was configured when this pack was made: compare the checkpoints in this pack with the witness's copy."
      : "Warning: no witness was configured (COUNTERSIGN_WITNESS). The checkpoints in this pack were held only by the server that signed them."
  }</p>
</body>
</html>
`;
  return body.text;
}

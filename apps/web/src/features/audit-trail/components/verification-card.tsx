import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { formatDateTime, formatDuration } from "@countersign/shared/format";
import type { TrailVerification } from "../utils/trail-types";
import { VerificationText } from "../../../components/verification-text";
import { UntrustedText } from "../../../components/untrusted-text";

const outcomeTone: Record<string, BadgeTone> = { approved: "success", modified: "accent", rejected: "danger", escalated: "warning" };

/** One reviewer's verification: who, what, when, after how much attention, under which qualification, on what content. */
export function VerificationCard({ verification: v, index, shownSha256 }: { verification: TrailVerification; index: number; shownSha256: string }) {
  const answers = Object.values(v.checklist);
  const count = (answer: string) => answers.filter((a) => a === answer).length;
  return (
    <section className="verification" aria-label={`Verification ${index + 1} by ${v.reviewerName}`}>
      <p className="decision-line">
        <span className="muted">#{index + 1}</span>
        <strong>{v.reviewerName}</strong>
        <Badge tone={outcomeTone[v.outcome] ?? "neutral"}>{v.outcome}</Badge>
      </p>
      <dl className="audit-facts audit-facts-tight">
        <div>
          <dt>Claimed</dt>
          <dd>{formatDateTime(v.claimedAt)}</dd>
        </div>
        <div>
          <dt>Decided</dt>
          <dd>{formatDateTime(v.decidedAt)}</dd>
        </div>
        <div>
          <dt>Active time</dt>
          <dd>
            {formatDuration(v.activeSeconds)} <span className="muted">(minimum {formatDuration(v.requiredDwellSeconds)})</span>
          </dd>
        </div>
        <div>
          <dt>Checklist</dt>
          <dd>
            {count("yes")} yes, {count("no")} no, {count("na")} n/a
          </dd>
        </div>
        <div>
          <dt>Evidence opened</dt>
          <dd>{v.evidenceOpened.length ? v.evidenceOpened.map((i) => `#${i + 1}`).join(", ") : "none"}</dd>
        </div>
        {v.judgement ? (
          <div>
            <dt>Own judgement first</dt>
            <dd>
              {v.judgement.verdict} — <UntrustedText text={v.judgement.reason} />
            </dd>
          </div>
        ) : null}
        {v.attentionCorrect !== null ? (
          <div>
            <dt>Attention check</dt>
            <dd>{v.attentionCorrect ? "answered correctly" : "answered wrongly"}</dd>
          </div>
        ) : null}
        {v.goldCaught !== null ? (
          <div>
            <dt>Gold item</dt>
            <dd>{v.goldCaught ? "error caught" : "error missed"}</dd>
          </div>
        ) : null}
        <div className="audit-facts-wide">
          <dt>Qualification</dt>
          <dd>
            {v.qualification ? (
              <>
                {v.qualification.training} · obtained {formatDateTime(v.qualification.obtainedAt)} · expires {formatDateTime(v.qualification.expiresAt)} ·
                authority: {v.qualification.authority.join(", ")} <span className="muted mono">({v.qualification.id})</span>
              </>
            ) : (
              <span className="muted">none recorded (decided before qualifications were required)</span>
            )}
          </dd>
        </div>
        <div className="audit-facts-wide">
          <dt>SHA-256 of the content the reviewer saw</dt>
          <dd>
            <span className="mono hash">{v.contentSha256}</span>{" "}
            {v.contentMatchesShown ? (
              <Badge tone="success">✓ matches the stored content</Badge>
            ) : (
              <Badge tone="danger" title={`stored content hashes to ${shownSha256}`}>
                ✗ differs from the stored content
              </Badge>
            )}
          </dd>
        </div>
      </dl>
      <VerificationText rationale={v.rationale} correctedOutput={v.correctedOutput} reviewerName={v.reviewerName} heading="h5" />
    </section>
  );
}

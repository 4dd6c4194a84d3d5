import { useState } from "react";
import { Link } from "react-router";
import { PayloadView } from "../../../components/payload-view";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Collapsible } from "../../../components/ui/collapsible";
import { Confidence } from "../../../components/ui/confidence";
import { RelativeTime } from "../../../components/ui/relative-time";
import { formatDateTime, formatDuration } from "@countersign/shared/format";
import { type Dispute, type DisputeVerification } from "../utils/types";
import { ResolutionForm } from "./resolution-form";
import { VerificationText } from "../../../components/verification-text";
import { UntrustedText } from "../../../components/untrusted-text";

const outcomeTone: Record<string, BadgeTone> = { approved: "success", modified: "accent", rejected: "danger", escalated: "warning" };

/** One disagreement: the escalation, its verifications side by side, and (for a lead) the resolution form. */
export function DisputeCard({ dispute, now, canResolve }: { dispute: Dispute; now: number; canResolve: boolean }) {
  const [inputOpen, setInputOpen] = useState(false);
  const titleId = `dispute-${dispute.id}`;
  return (
    <section className="card dispute" aria-labelledby={titleId}>
      <header className="dispute-head">
        <h2 id={titleId} className="card-title">
          <span className="visually-hidden">Dispute </span>
          <span className="mono"><UntrustedText text={dispute.externalId} /></span>
        </h2>
        <span className="muted">{dispute.system.name}</span>
        {dispute.priority !== "normal" ? <Badge tone={dispute.priority === "urgent" ? "danger" : "warning"}>{dispute.priority}</Badge> : null}
        {/* The reviewers were not told; the lead is, so a test is never mistaken for a real case. */}
        {dispute.gold ? <Badge tone="accent">gold item · expected {dispute.gold.expectedOutcome}</Badge> : null}
        <span className="muted dispute-when">
          disputed <RelativeTime at={dispute.disputedAt} now={now} />
        </span>
        <Link to={`/escalations/${dispute.id}`} className="row-link">
          Timeline
        </Link>
      </header>
      <div className="dispute-context">
        <p>
          <code className="reason-code"><UntrustedText text={dispute.escalationReason.code} /></code> <UntrustedText text={dispute.escalationReason.explanation} />
        </p>
        <p className="prose"><UntrustedText text={dispute.contextSummary} /></p>
        <div className="dispute-output">
          <span className="field-label">AI output</span> <Confidence value={dispute.confidence} />
        </div>
        <PayloadView payload={dispute.aiOutput} label={`AI output of ${dispute.externalId}`} />
        <Collapsible open={inputOpen} onOpenChange={setInputOpen} trigger="Input">
          <PayloadView payload={dispute.input} label={`Input of ${dispute.externalId}`} />
        </Collapsible>
      </div>
      <ol className="dispute-verifications" aria-label={`Verifications of ${dispute.externalId}`} style={{ gridTemplateColumns: `repeat(${Math.max(1, dispute.verifications.length)}, minmax(0, 1fr))` }}>
        {dispute.verifications.map((v, index) => (
          <li key={v.id}>
            <VerificationColumn verification={v} index={index} />
          </li>
        ))}
      </ol>
      <div className="resolution">
        <h3 className="resolution-title">Resolution</h3>
        {canResolve && dispute.mayResolve.allowed ? (
          <ResolutionForm dispute={dispute} />
        ) : (
          <p className="muted">
            Only a team lead holding a qualification in force for this AI system with the override authority can resolve a disagreement, and not
            one who verified it.
            {canResolve && dispute.mayResolve.why ? <> You cannot resolve this one: {dispute.mayResolve.why}.</> : null}
          </p>
        )}
      </div>
    </section>
  );
}

function VerificationColumn({ verification: v, index }: { verification: DisputeVerification; index: number }) {
  const answers = Object.values(v.checklist);
  const count = (answer: string) => answers.filter((a) => a === answer).length;
  return (
    <article className="dispute-verification" aria-label={`Verification ${index + 1} by ${v.reviewerName}`}>
      <p className="decision-line">
        <strong>{v.reviewerName}</strong>
        <Badge tone={outcomeTone[v.outcome] ?? "neutral"}>{v.outcome}</Badge>
      </p>
      <dl className="dispute-facts">
        <div>
          <dt>Active time</dt>
          <dd>{formatDuration(v.activeSeconds)}</dd>
        </div>
        <div>
          <dt>Decided</dt>
          <dd>{formatDateTime(v.decidedAt)}</dd>
        </div>
        <div>
          <dt>Checklist</dt>
          <dd>
            {count("yes")} yes, {count("no")} no, {count("na")} n/a
          </dd>
        </div>
      </dl>
      <VerificationText rationale={v.rationale} correctedOutput={v.correctedOutput} reviewerName={v.reviewerName} heading="h3" />
    </article>
  );
}

import { useState, type ReactNode } from "react";
import { Badge } from "../../../components/ui/badge";
import { Collapsible } from "../../../components/ui/collapsible";
import { Confidence } from "../../../components/ui/confidence";
import { RelativeTime } from "../../../components/ui/relative-time";
import { PayloadView, SafeLink } from "../../../components/payload-view";
import type { RouterOutputs } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

type Detail = RouterOutputs["reviews"]["detail"];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="read-section">
      <h3 className="read-title">{title}</h3>
      {children}
    </section>
  );
}

/** The escalation exactly as the AI system sent it, rendered as text only. */
export function EscalationRecord({ detail, now }: { detail: Detail; now: number }) {
  const evidence = detail.evidence ?? [];
  return (
    <article className="reading" aria-label="The escalation as received">
      <div className="reading-meta">
        <span className="reading-system">{detail.system.name}</span>
        <Badge tone={detail.priority === "urgent" ? "danger" : detail.priority === "high" ? "warning" : "neutral"}>{detail.priority ?? "normal"}</Badge>
        <Badge tone={detail.status === "decided" ? "success" : detail.status === "in_review" ? "accent" : "neutral"}>{detail.status.replace("_", " ")}</Badge>
        <span className="muted">
          received <RelativeTime at={detail.receivedAt} now={now} />
        </span>
      </div>
      {detail.dueAt ? (
        <p className="muted">
          Due <span className="mono"><UntrustedText text={detail.dueAt} /></span>
          {detail.round > 1 ? ` (round ${detail.round}'s own deadline, counted from its reopening)` : ""}
        </p>
      ) : null}
      <Section title="Why it was escalated">
        <p className="reason">
          <code className="reason-code"><UntrustedText text={detail.escalationReason.code} /></code>
        </p>
        <p className="prose"><UntrustedText text={detail.escalationReason.explanation} /></p>
      </Section>
      <Section title="Context summary">
        <p className="prose"><UntrustedText text={detail.contextSummary} /></p>
      </Section>
      <Section title="Input">
        <PayloadView payload={detail.input} label="Input" />
      </Section>
      <Section title="AI output">
        <PayloadView payload={detail.aiOutput} label="AI output" />
      </Section>
      <Section title="Confidence and model">
        <dl className="facts">
          <div>
            <dt>Confidence</dt>
            <dd>
              <Confidence value={detail.confidence} wide />
            </dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd className="mono"><UntrustedText text={detail.model} /></dd>
          </div>
          <div>
            <dt>Content SHA-256</dt>
            <dd className="mono hash-inline">{detail.contentSha256}</dd>
          </div>
        </dl>
      </Section>
      {detail.usePeriod || detail.referenceDatabase !== undefined || detail.matchedInput !== undefined ? (
        <Section title="Identification (Art. 12(3))">
          <IdentificationRecord detail={detail} />
        </Section>
      ) : null}
      <Section title={`Evidence (${evidence.length})`}>
        {evidence.length === 0 ? (
          <p className="muted">No evidence was sent.</p>
        ) : (
          <ol className="evidence-list">
            {evidence.map((item, index) => (
              <li key={index}>
                <RecordEvidence index={index} title={item.title} content={item.content} url={item.url} />
              </li>
            ))}
          </ol>
        )}
      </Section>
    </article>
  );
}

/**
 * The Art. 12(3) fields a remote biometric identification system sent: the period of use, the
 * reference database and the input that matched, as sent (untrusted text, the sender's offsets).
 */
function IdentificationRecord({ detail }: { detail: Detail }) {
  return (
    <dl className="facts">
      {detail.usePeriod ? (
        <div>
          <dt>Period of use</dt>
          <dd className="mono">
            <UntrustedText text={detail.usePeriod.start} /> – <UntrustedText text={detail.usePeriod.end} />
          </dd>
        </div>
      ) : null}
      {detail.referenceDatabase !== undefined ? (
        <div>
          <dt>Reference database</dt>
          <dd>
            <UntrustedText text={detail.referenceDatabase} />
          </dd>
        </div>
      ) : null}
      {detail.matchedInput !== undefined ? (
        <div>
          <dt>Input that matched</dt>
          <dd>
            <PayloadView payload={detail.matchedInput} label="Input that matched" />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function RecordEvidence({ index, title, content, url }: { index: number; title: string; content?: string | undefined; url?: string | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <Collapsible
      open={open}
      onOpenChange={setOpen}
      trigger={
        <span className="evidence-title">
          <span className="evidence-number">#{index + 1}</span> {title}
        </span>
      }
    >
      <div className="evidence-body">
        {url ? (
          <p className="evidence-url">
            Source: <SafeLink url={url} />
          </p>
        ) : null}
        {content !== undefined ? (
          <pre className="payload payload-text" tabIndex={0}>
            {content}
          </pre>
        ) : null}
      </div>
    </Collapsible>
  );
}

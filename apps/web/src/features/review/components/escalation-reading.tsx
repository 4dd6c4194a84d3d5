import type { ReactNode } from "react";
import { Badge } from "../../../components/ui/badge";
import { Confidence } from "../../../components/ui/confidence";
import { DueTime } from "../../../components/ui/due-time";
import { PayloadView } from "../../../components/payload-view";
import { RelativeTime } from "../../../components/ui/relative-time";
import type { RouterOutputs } from "../../../lib/trpc";
import { EvidenceList } from "./evidence-list";
import { UntrustedText } from "../../../components/untrusted-text";
import { IdentificationFacts } from "./identification-section";
import { InstructionsPanel } from "./instructions-panel";

type View = RouterOutputs["reviews"]["view"];

/** A heading takes the focus (tabIndex -1) where a step of the review leads the reader to it. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="read-section" aria-labelledby={id}>
      <h2 id={id} className="read-title" tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The left column, in the order a reviewer should read it. Every AI-sent text is rendered as text.
 * It stays mounted from one item to the next; what holds state of its own (a payload's open nodes
 * and search, an evidence item's opening) is keyed by the escalation, so it starts afresh.
 */
export function EscalationReading({ view, now }: { view: View; now: number }) {
  return (
    <article className="reading" aria-label="The escalation">
      <header className="reading-head">
        <div className="reading-meta">
          <span className="reading-system">{view.system.name}</span>
          <Badge>{view.system.oversightMode}</Badge>
          <Badge tone={view.priority === "urgent" ? "danger" : view.priority === "high" ? "warning" : "neutral"}>{view.priority}</Badge>
          <span className="muted">
            received <RelativeTime at={view.receivedAt} now={now} />
          </span>
          {view.dueAt ? (
            <span className="muted">
              · <DueTime at={view.dueAt} now={now} label />
            </span>
          ) : null}
        </div>
        <h1 className="reading-id" id="escalation-heading" tabIndex={-1}>
          <span className="visually-hidden">Escalation </span>
          <span className="mono"><UntrustedText text={view.externalId} /></span>
        </h1>
      </header>

      <InstructionsPanel instructions={view.instructions} />
      <Section id="read-reason" title="Why it was escalated">
        <p className="reason">
          <code className="reason-code"><UntrustedText text={view.escalationReason.code} /></code>
        </p>
        <p className="prose"><UntrustedText text={view.escalationReason.explanation} /></p>
      </Section>
      <Section id="read-context" title="Context summary">
        <p className="prose"><UntrustedText text={view.contextSummary} /></p>
      </Section>
      <Section id="read-input" title="Input">
        <PayloadView key={view.id} payload={view.input} label="Input" />
      </Section>
      {view.identification ? (
        <Section id="read-identification" title="Identification record (Art. 12(3))">
          <IdentificationFacts identification={view.identification} />
        </Section>
      ) : null}
      <Section id="read-output" title="AI output">
        {view.aiOutput === null ? (
          <p className="hidden-until muted">Hidden until you record your own judgement: decide first from the input, summary and evidence.</p>
        ) : (
          <PayloadView key={view.id} payload={view.aiOutput} label="AI output" />
        )}
      </Section>
      <Section id="read-model" title="Confidence and model">
        <dl className="facts">
          <div>
            <dt>Confidence</dt>
            <dd>
              <Confidence value={view.confidence} wide />
            </dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd className="mono"><UntrustedText text={view.model} /></dd>
          </div>
        </dl>
      </Section>
      <Section id="read-evidence" title={`Evidence (${view.evidence.length})`}>
        <EvidenceList key={view.id} escalationId={view.id} evidence={view.evidence} />
      </Section>
    </article>
  );
}

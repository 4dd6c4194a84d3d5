import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PayloadView } from "../../../components/payload-view";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime, formatDuration, formatPercent } from "@countersign/shared/format";
import { useTRPC } from "../../../lib/trpc";
import { outcomeWords } from "../utils/words";
import { ExplanationChanges } from "./explanation-changes";
import { UntrustedText } from "../../../components/untrusted-text";

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="explanation-part">
      <h2 className="explanation-heading">{title}</h2>
      {children}
    </section>
  );
}

function deliveryText({ availableAt, fetchedAt }: { availableAt: string | null; fetchedAt: string | null }) {
  if (!availableAt) return "No decision yet: nothing is available to the AI system.";
  const available = `The decision was available to the AI system from ${formatDateTime(availableAt)}`;
  return fetchedAt ? `${available}; the AI system fetched it on ${formatDateTime(fetchedAt)}.` : `${available}; the AI system has not fetched it yet.`;
}

/**
 * A printable explanation of one decision (EU AI Act Art. 86): the AI output, the human's role,
 * the rationale, the changes made, who decided and when. Everything is rendered as text.
 */
export function ExplanationScreen({ escalationId }: { escalationId: string }) {
  const trpc = useTRPC();
  const explanation = useQuery(trpc.audit.explanation.queryOptions({ escalationId }));
  if (explanation.isPending) return <Skeleton lines={10} label="Loading the explanation…" />;
  if (explanation.isError) {
    return (
      <StateMessage tone="error" title="The explanation could not be loaded" action={<Link to="/audit">Find an escalation</Link>}>
        {errorMessage(explanation.error)}
      </StateMessage>
    );
  }
  const x = explanation.data;
  const e = x.escalation;
  return (
    <article className="explanation" aria-labelledby="explanation-title">
      <div className="explanation-tools no-print">
        <p className="breadcrumb">
          <Link to={`/escalations/${e.id}`}>Timeline</Link> · <Link to={`/audit?q=${encodeURIComponent(e.id)}`}>Audit trail</Link>
        </p>
        <Button variant="primary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <header className="explanation-head">
        <p className="explanation-kicker">Explanation of a decision on an AI output</p>
        <h1 id="explanation-title" className="explanation-title">
          {e.system.name}: <span className="mono"><UntrustedText text={e.externalId} /></span>
        </h1>
        <p className="explanation-sub">
          Escalation <span className="mono">{e.id}</span>, received {formatDateTime(e.receivedAt)}. Oversight mode {e.system.oversightMode}.
        </p>
      </header>

      <Part title="The decision">
        {x.decision ? (
          <p className="explanation-lead">
            <strong>{outcomeWords[x.decision.outcome] ?? x.decision.outcome}</strong> by {x.decision.decidedBy.name} ({x.decision.decidedBy.role}) on{" "}
            {formatDateTime(x.decision.decidedAt)}.
          </p>
        ) : (
          <p className="explanation-lead">Not decided yet (status: {x.status.replace("_", " ")}).</p>
        )}
      </Part>

      <Part title="The human's role">
        <p className="prose">{x.humanRole}</p>
      </Part>

      <Part title="What the AI system produced">
        {e.purgedAt ? <p>The content of this escalation was purged after its retention period, on {formatDateTime(e.purgedAt)}.</p> : null}
        <dl className="explanation-facts">
          <div>
            <dt>Why it went to a person</dt>
            <dd>
              <code><UntrustedText text={e.escalationReason.code} /></code> — <UntrustedText text={e.escalationReason.explanation} />
            </dd>
          </div>
          <div>
            <dt>Context</dt>
            <dd className="prose"><UntrustedText text={e.contextSummary} /></dd>
          </div>
          <div>
            <dt>Model and confidence</dt>
            <dd>
              <span className="mono"><UntrustedText text={e.model} /></span>, confidence {formatPercent(e.confidence)}
            </dd>
          </div>
        </dl>
        <h3 className="explanation-subheading">Input</h3>
        <PayloadView payload={e.input} label="Input" />
        <h3 className="explanation-subheading">AI output</h3>
        <PayloadView payload={x.aiOutput} label="AI output" />
      </Part>

      <Part title="Rationale">
        {x.decision ? <p className="prose"><UntrustedText text={x.decision.rationale} /></p> : <p>No rationale yet.</p>}
        {x.reviewers.length > 0 ? (
          <ol className="explanation-people">
            {x.reviewers.map((r, index) => (
              <li key={index}>
                <p>
                  <strong>{r.name}</strong> ({r.role}) — {outcomeWords[r.outcome] ?? r.outcome} on {formatDateTime(r.decidedAt)}, after {formatDuration(r.activeSeconds)} of
                  active review.{" "}
                  {r.qualification ? `Qualified by: ${r.qualification.training} (valid until ${formatDateTime(r.qualification.expiresAt)}).` : "No qualification recorded."}
                </p>
                {x.reviewers.length > 1 || x.resolution ? <p className="prose explanation-quote"><UntrustedText text={r.rationale} /></p> : null}
              </li>
            ))}
            {x.resolution ? (
              <li>
                <p>
                  <strong>{x.resolution.name}</strong> ({x.resolution.role}) resolved the disagreement — {outcomeWords[x.resolution.outcome] ?? x.resolution.outcome} on{" "}
                  {formatDateTime(x.resolution.resolvedAt)}.
                </p>
              </li>
            ) : null}
          </ol>
        ) : null}
      </Part>

      {x.reopenings.length > 0 ? (
        <Part title="Earlier decisions, reopened">
          <ol className="explanation-people">
            {x.reopenings.map((r) => (
              <li key={r.round}>
                <p>
                  <strong>{r.name}</strong> (override authority) reopened the decision of {r.previousDecidedAt ? formatDateTime(r.previousDecidedAt) : "the round before"} on{" "}
                  {formatDateTime(r.reopenedAt)}, for review round {r.round}:
                </p>
                <p className="prose explanation-quote"><UntrustedText text={r.reason} /></p>
              </li>
            ))}
          </ol>
        </Part>
      ) : null}

      <Part title="Changes made">
        <ExplanationChanges explanation={x} />
      </Part>

      <Part title="Delivery to the AI system">
        <p>{deliveryText(x.delivery)}</p>
        <p className="muted">Countersign records when the decision was available and when the AI system first read it; what the AI system did with it afterwards is not recorded here.</p>
      </Part>

      <footer className="explanation-foot">
        Drawn from Countersign&apos;s audit record for escalation {e.id}. {x.requiredVerifications > 1 ? `Policy: ${x.requiredVerifications} independent verifications.` : null}
      </footer>
    </article>
  );
}

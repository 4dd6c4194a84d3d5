import { requestKindWords } from "@countersign/shared/affected-person-requests";
import { formatDateTime, formatPercent } from "@countersign/shared/format";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PayloadView } from "../../../components/payload-view";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { UntrustedText } from "../../../components/untrusted-text";
import { errorMessage } from "../../../lib/errors";
import { useRequestDetail } from "../hooks/use-request-detail";
import { outcomeWords, reReviewWords } from "../utils/words";

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="explanation-part">
      <h2 className="explanation-heading">{title}</h2>
      {children}
    </section>
  );
}

/**
 * The answer to an affected person, to print and send: the decision, what the AI system produced
 * and its role, who decided, and the answer in force. Everything from the record is React text,
 * never HTML; the answer's SHA-256 lets the printed copy be matched against the audit log.
 */
export function PrintableAnswer({ requestId, readsEvery }: { requestId: string; readsEvery: boolean }) {
  const detail = useRequestDetail(requestId, readsEvery);
  if (detail.isPending) return <Skeleton lines={10} label="Loading the answer…" />;
  if (detail.isError) {
    return (
      <StateMessage tone="error" title="The answer could not be loaded" action={<Link to="/requests">Requests</Link>}>
        {errorMessage(detail.error)}
      </StateMessage>
    );
  }
  const r = detail.data;
  const x = r.decision;
  const e = x.escalation;
  return (
    <article className="explanation" aria-labelledby="answer-title">
      <div className="explanation-tools no-print">
        <p className="breadcrumb">
          <Link to={`/requests/${r.id}`}>Back to the request</Link>
        </p>
        <Button variant="primary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <header className="explanation-head">
        <p className="explanation-kicker">Answer to a request about a decision</p>
        <h1 id="answer-title" className="explanation-title">
          {e.system.name}: <span className="mono"><UntrustedText text={e.externalId} /></span>
        </h1>
        <p className="explanation-sub">
          Your reference <UntrustedText text={r.requesterReference} />. Request received {formatDateTime(r.receivedAt)}
          {r.answer ? `; answered ${formatDateTime(r.answer.answeredAt)}` : ""}.
        </p>
      </header>

      <Part title="Your request">
        <p>
          {requestKindWords[r.kind].label} ({requestKindWords[r.kind].basis}).
        </p>
      </Part>

      <Part title="The decision">
        {x.decision ? (
          <p className="explanation-lead">
            <strong>{outcomeWords[x.decision.outcome] ?? x.decision.outcome}</strong>. Decided by {x.decision.decidedBy.name} ({x.decision.decidedBy.role}) on{" "}
            {formatDateTime(x.decision.decidedAt)}.
          </p>
        ) : (
          <p className="explanation-lead">Not decided.</p>
        )}
      </Part>

      <Part title="The role of the AI system">
        <p className="prose">{x.humanRole}</p>
        <dl className="explanation-facts">
          <div>
            <dt>Why the output went to a person</dt>
            <dd>
              <UntrustedText text={e.escalationReason.explanation} />
            </dd>
          </div>
          <div>
            <dt>Model and its confidence</dt>
            <dd>
              <span className="mono"><UntrustedText text={e.model} /></span>, confidence {formatPercent(e.confidence)}
            </dd>
          </div>
        </dl>
        <h3 className="explanation-subheading">What the AI system produced</h3>
        {e.purgedAt ? <p>The content was removed after its retention period, on {formatDateTime(e.purgedAt)}.</p> : <PayloadView payload={x.aiOutput} label="AI output" />}
      </Part>

      <Part title="Answer">
        {r.answer ? (
          <p className="prose answer-text">
            <UntrustedText text={r.answer.answer} />
          </p>
        ) : (
          <p>Not answered yet.</p>
        )}
        {r.answer ? <p className="muted">Answered by {r.answer.answeredBy}.</p> : null}
      </Part>

      {r.reReview.status !== "none" ? (
        <Part title="Re-review">
          <p>{reReviewWords[r.reReview.status]}.</p>
          {r.reReview.result ? (
            <p className="prose">
              <UntrustedText text={r.reReview.result} />
            </p>
          ) : null}
        </Part>
      ) : null}

      <footer className="explanation-foot">
        Drawn from Countersign&apos;s record of request {r.id} on escalation {e.id}.
        {r.answer ? ` Answer version ${r.answer.version}, SHA-256 ${r.answer.sha256}.` : ""}
      </footer>
    </article>
  );
}

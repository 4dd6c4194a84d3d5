import { requestKindWords } from "@countersign/shared/affected-person-requests";
import { formatDateTime } from "@countersign/shared/format";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { UntrustedText } from "../../../components/untrusted-text";
import { errorMessage } from "../../../lib/errors";
import { useRequestDetail } from "../hooks/use-request-detail";
import { channelWords, outcomeWords, reReviewWords, type RequestDetail } from "../utils/words";
import { AnswerForm } from "./answer-form";
import { ExtendForm } from "./extend-form";
import { ReReviewForm } from "./re-review-form";

type Can = { read: boolean; record: boolean; userId: string };

/** One request: the facts, the decision it is about, the answer (the assignee writes it here) and the re-review. */
export function RequestScreen({ requestId, can }: { requestId: string; can: Can }) {
  const detail = useRequestDetail(requestId, can.read);
  if (detail.isPending) return <Skeleton lines={8} label="Loading the request…" />;
  if (detail.isError) {
    return (
      <StateMessage tone="error" title="The request could not be loaded" action={<Link to="/requests">All requests</Link>}>
        {errorMessage(detail.error)}
      </StateMessage>
    );
  }
  const r = detail.data;
  const mine = r.assignee.id === can.userId;
  return (
    <section className="stack" aria-labelledby="request-title">
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link to="/requests">Requests</Link>
          </p>
          <h1 id="request-title" className="page-title">
            {requestKindWords[r.kind].label}: {r.system.name}, <span className="mono"><UntrustedText text={r.externalId} /></span>
          </h1>
          <p className="page-sub">
            {requestKindWords[r.kind].basis}. Reference <UntrustedText text={r.requesterReference} />, received {formatDateTime(r.receivedAt)} by {channelWords[r.channel]};
            routed to {r.assignee.name}. Due by {formatDateTime(r.dueAt)}
            {r.extendedByMonths > 0 ? ` (extended by ${r.extendedByMonths}: ${r.extensionReason ?? ""})` : ""}.{" "}
            {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
          </p>
        </div>
        <Link className="btn btn-secondary btn-md" to={`/requests/${r.id}/print`}>
          Printable answer
        </Link>
      </div>

      <Part title="The decision">
        <Decision detail={r} />
      </Part>

      <Part title="Answer">
        {r.answer ? (
          <>
            <p className="muted">
              Version {r.answer.version}, by {r.answer.answeredBy} on {formatDateTime(r.answer.answeredAt)}
              {r.answer.editReason ? ` — changed: ${r.answer.editReason}` : ""}. {r.answeredLate ? "Answered after the due date." : null}
            </p>
            <p className="prose explanation-quote">
              <UntrustedText text={r.answer.answer} />
            </p>
            {r.earlierAnswers.length > 0 ? <p className="muted">{r.earlierAnswers.length} earlier version(s) kept in the record.</p> : null}
          </>
        ) : (
          <p>Not answered yet.</p>
        )}
        {mine ? <AnswerForm key={r.answer?.version ?? 0} requestId={r.id} current={r.answer?.answer ?? null} /> : null}
      </Part>

      <Part title="Re-review">
        {r.reopenings.map((o) => (
          <p key={o.round}>
            A re-review was started: {o.reopenedBy} reopened the decision on {formatDateTime(o.reopenedAt)}, as review round {o.round}.
          </p>
        ))}
        <p>
          {reReviewWords[r.reReview.status]}
          {r.reReview.recordedAt ? ` (recorded ${formatDateTime(r.reReview.recordedAt)})` : ""}.
          {r.reReview.escalationId ? (
            <>
              {" "}
              New review round: <span className="mono">{r.reReview.escalationId}</span>
              {can.read ? (
                <>
                  {" "}
                  (<Link to={`/escalations/${r.reReview.escalationId}`}>timeline</Link>)
                </>
              ) : null}
            </>
          ) : null}
        </p>
        {r.reReview.result ? (
          <p className="prose">
            <UntrustedText text={r.reReview.result} />
          </p>
        ) : null}
        {mine ? <ReReviewForm requestId={r.id} status={r.reReview.status} /> : null}
      </Part>

      {can.record && r.status === "open" ? (
        <Part title="Due date">
          <ExtendForm requestId={r.id} extendedByMonths={r.extendedByMonths} />
        </Part>
      ) : null}
    </section>
  );
}

function Decision({ detail }: { detail: RequestDetail }) {
  const d = detail.decision;
  return (
    <>
      <p>
        {d.decision ? (
          <>
            <strong>{outcomeWords[d.decision.outcome] ?? d.decision.outcome}</strong> — by {d.decision.decidedBy.name} ({d.decision.decidedBy.role}) on{" "}
            {formatDateTime(d.decision.decidedAt)}.
          </>
        ) : (
          "Not decided."
        )}
      </p>
      <p className="prose">{d.humanRole}</p>
    </>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card stack">
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

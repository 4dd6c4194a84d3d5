import { requestKindWords } from "@countersign/shared/affected-person-requests";
import { formatDateTime } from "@countersign/shared/format";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Table, Td, Th } from "../../../components/ui/table";
import { UntrustedText } from "../../../components/untrusted-text";
import { channelWords, reReviewWords, type ListedRequest } from "../utils/words";

/** Requests soonest due first; an open one past its due date says "Overdue" in words, not colour alone. */
export function RequestsTable({ requests, label, showAssignee }: { requests: ListedRequest[]; label: string; showAssignee: boolean }) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Decision</Th>
          <Th>Request</Th>
          <Th>Received</Th>
          <Th>Due</Th>
          {showAssignee ? <Th>Routed to</Th> : null}
          <Th>State</Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <Td>
              <Link to={`/requests/${r.id}`}>
                {r.system.name}: <span className="mono"><UntrustedText text={r.externalId} /></span>
              </Link>
            </Td>
            <Td>
              {requestKindWords[r.kind].label} <span className="muted">({requestKindWords[r.kind].basis})</span>
              <div className="muted">
                <UntrustedText text={r.requesterReference} /> · {channelWords[r.channel]}
              </div>
            </Td>
            <Td>{formatDateTime(r.receivedAt)}</Td>
            <Td>
              {formatDateTime(r.dueAt)}
              {r.extendedByMonths > 0 ? <div className="muted">extended by {r.extendedByMonths} {r.extendedByMonths === 1 ? "month" : "months"}</div> : null}
            </Td>
            {showAssignee ? <Td>{r.assignee.name}</Td> : null}
            <Td>
              <div className="row-gap">
                {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
                {r.status === "answered" ? (
                  <Badge tone={r.answeredLate ? "warning" : "success"}>{r.answeredLate ? "answered late" : "answered"}</Badge>
                ) : (
                  <Badge tone="accent">open</Badge>
                )}
                {r.reReview.status !== "none" ? <Badge>{reReviewWords[r.reReview.status]}</Badge> : null}
              </div>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

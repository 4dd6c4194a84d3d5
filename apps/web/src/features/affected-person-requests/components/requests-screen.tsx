import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { RecordRequestForm } from "./record-request-form";
import { RequestsTable } from "./requests-table";
import type { ListedRequest } from "../utils/words";

type Can = { answer: boolean; record: boolean; read: boolean };

/**
 * Requests from people affected by a decision: those routed to me (open first, overdue flagged),
 * recording a new one (leads, admins), and every request (leads, auditors, admins).
 */
export function RequestsScreen({ can }: { can: Can }) {
  return (
    <section className="stack" aria-labelledby="requests-title">
      <div className="page-head">
        <div>
          <h1 id="requests-title" className="page-title">
            Requests
          </h1>
          <p className="page-sub">
            People affected by a decision may ask for a clear and meaningful explanation of the AI system&apos;s role in it (EU AI Act Art. 86)
            or for human intervention, to express their point of view and to contest it (GDPR Art. 22(3)). Each request goes to a person qualified
            for the AI system and is due within one month of receipt (GDPR Art. 12(3)).
          </p>
        </div>
      </div>
      {can.answer ? <RoutedToMe /> : null}
      {can.record ? (
        <section className="card" aria-labelledby="record-request-title">
          <h2 id="record-request-title" className="card-title">
            Record a request
          </h2>
          <RecordRequestForm />
        </section>
      ) : null}
      {can.read ? <AllRequests /> : null}
    </section>
  );
}

function RoutedToMe() {
  const trpc = useTRPC();
  const mine = useQuery(trpc.affectedPersonRequests.routedToMe.queryOptions({ openOnly: true }, { refetchInterval: 60_000 }));
  return (
    <Part title="Routed to you" id="routed-to-me-title">
      <Listing query={mine} label="Requests routed to you" empty="No open request is routed to you." showAssignee={false} />
    </Part>
  );
}

function AllRequests() {
  const trpc = useTRPC();
  const all = useQuery(trpc.affectedPersonRequests.list.queryOptions({}));
  return (
    <Part title="All requests" id="all-requests-title">
      <Listing query={all} label="All requests" empty="No request from an affected person has been recorded." showAssignee />
    </Part>
  );
}

function Part({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

type Query = { isPending: boolean; isError: boolean; error: unknown; data: ListedRequest[] | undefined };

function Listing({ query, label, empty, showAssignee }: { query: Query; label: string; empty: string; showAssignee: boolean }) {
  if (query.isPending) return <Skeleton lines={3} label={`Loading ${label.toLowerCase()}…`} />;
  if (query.isError || !query.data) {
    return (
      <StateMessage tone="error" title={`${label} could not be loaded`}>
        {errorMessage(query.error)}
      </StateMessage>
    );
  }
  if (query.data.length === 0) return <p className="muted">{empty}</p>;
  return <RequestsTable requests={query.data} label={label} showAssignee={showAssignee} />;
}

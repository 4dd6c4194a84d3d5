import { formatCountOf, formatDateTime } from "@countersign/shared/format";
import { incidentKinds } from "@countersign/shared/incidents";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { StateMessage } from "../../../components/ui/state-message";
import { useTRPC } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

/**
 * On the lead's dashboard: incidents whose report to the market surveillance authority is past its
 * Art. 73 deadline with none recorded. Shows nothing while every report is in time.
 */
export function OverdueIncidentsNotice() {
  const trpc = useTRPC();
  const overdue = useQuery(trpc.incidents.overdue.queryOptions(undefined, { refetchInterval: 60_000 }));
  if (!overdue.data || overdue.data.length === 0) return null;
  return (
    <section aria-labelledby="overdue-incidents-title">
      <StateMessage tone="warning" title={<span id="overdue-incidents-title">{`${formatCountOf(overdue.data.length, "incident report is", "incident reports are")} overdue`}</span>}>
        <ul>
          {overdue.data.map((incident) => (
            <li key={incident.id}>
              <Link to={`/incidents/${incident.id}`}>
                <UntrustedText text={incident.title} />
              </Link> ({incident.systemSlug}, {incidentKinds[incident.kind].article}): the report to the
              market surveillance authority was due {formatDateTime(incident.reportDueAt!)}.
            </li>
          ))}
        </ul>
      </StateMessage>
    </section>
  );
}

import { formatDateTime } from "@countersign/shared/format";
import { incidentKinds, type IncidentStatus } from "@countersign/shared/incidents";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";
import { RecordIncidentDialog } from "./record-incident-dialog";
import { ReportClock } from "./report-clock";

export const statusTone: Record<IncidentStatus, BadgeTone> = { open: "warning", reported: "accent", closed: "neutral" };

/**
 * Serious incidents and malfunctions of the AI systems (EU AI Act Art. 26(5), 73), newest first,
 * each with its status and reporting clock. Leads and admins record them here.
 */
export function IncidentsScreen({ canRecord }: { canRecord: boolean }) {
  const trpc = useTRPC();
  const incidents = useQuery(trpc.incidents.list.queryOptions({}, { refetchInterval: 60_000 }));
  return (
    <section aria-labelledby="incidents-title">
      <div className="page-head">
        <div>
          <h1 id="incidents-title" className="page-title">
            Incidents
          </h1>
          <p className="page-sub">
            Serious incidents and malfunctions, with the reporting clock of EU AI Act Art. 73 counted from when you became aware. Recording one places a
            legal hold on its escalations.
          </p>
        </div>
        {canRecord ? <RecordIncidentDialog /> : null}
      </div>
      {incidents.isPending ? (
        <Skeleton lines={4} label="Loading incidents…" />
      ) : incidents.isError ? (
        <StateMessage tone="error" title="The incidents could not be loaded">
          {errorMessage(incidents.error)}
        </StateMessage>
      ) : incidents.data.length === 0 ? (
        <StateMessage title="No incident has been recorded">
          {canRecord ? "Record one as soon as you learn of it: the reporting clock runs from that moment." : "Leads and admins record incidents."}
        </StateMessage>
      ) : (
        <Table aria-label="Incidents">
          <thead>
            <tr>
              <Th>Incident</Th>
              <Th>AI system</Th>
              <Th>Kind</Th>
              <Th>Status</Th>
              <Th>Reporting clock</Th>
              <Th>Known since</Th>
            </tr>
          </thead>
          <tbody>
            {incidents.data.map((incident) => (
              <tr key={incident.id}>
                <Td>
                  <Link to={`/incidents/${incident.id}`}>
                    <UntrustedText text={incident.title} />
                  </Link>
                </Td>
                <Td>{incident.systemSlug}</Td>
                <Td>
                  {incidentKinds[incident.kind].label} <span className="muted">({incidentKinds[incident.kind].article})</span>
                </Td>
                <Td>
                  <Badge tone={statusTone[incident.status]}>{incident.status}</Badge>
                </Td>
                <Td>
                  <ReportClock clock={incident} />
                </Td>
                <Td>{formatDateTime(incident.awareAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

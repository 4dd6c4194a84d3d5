import { formatDateTime } from "@countersign/shared/format";
import { incidentKinds, notifiedParties } from "@countersign/shared/incidents";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { UntrustedText } from "../../../components/untrusted-text";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ReasonDialog } from "../../../components/ui/reason-dialog";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { useIncidentPackDownload } from "../hooks/use-incident-pack-download";
import { statusTone } from "./incidents-screen";
import { LinkEscalationsForm } from "./link-escalations-form";
import { NotificationDialog } from "./notification-dialog";
import { ReportClock } from "./report-clock";

type Incident = RouterOutputs["incidents"]["get"];
type Abilities = { canRecord: boolean; canReleaseHold: boolean; canExport: boolean };

/** One incident: what happened, its clock, who was informed and when, its escalations, its hold, its pack. */
export function IncidentDetail({ incidentId, abilities }: { incidentId: string; abilities: Abilities }) {
  const trpc = useTRPC();
  const incident = useQuery(trpc.incidents.get.queryOptions({ incidentId }));
  if (incident.isPending) return <Skeleton lines={8} label="Loading the incident…" />;
  if (incident.isError) {
    return (
      <StateMessage tone="error" title="The incident could not be loaded">
        {errorMessage(incident.error)}
      </StateMessage>
    );
  }
  const i = incident.data;
  const kind = incidentKinds[i.kind];
  return (
    <article className="stack" aria-labelledby="incident-title">
      <div className="page-head">
        <div>
          <p className="page-sub">
            <Link to="/incidents">Incidents</Link> › {i.systemSlug}
          </p>
          <h1 id="incident-title" className="page-title">
            <UntrustedText text={i.title} />
          </h1>
          <p className="page-sub">
            <Badge tone={statusTone[i.status]}>{i.status}</Badge> <ReportClock clock={i} />
          </p>
        </div>
        <div className="row-gap">
          {abilities.canRecord && i.status !== "closed" ? <NotificationDialog incidentId={i.id} /> : null}
          {abilities.canExport ? <PackDownload incidentId={i.id} /> : null}
          {abilities.canRecord && i.status !== "closed" ? <CloseIncident incidentId={i.id} /> : null}
        </div>
      </div>
      <section className="card" aria-labelledby="incident-facts-title">
        <h2 id="incident-facts-title" className="card-title">
          What happened
        </h2>
        <p className="prose">
          <UntrustedText text={i.description} />
        </p>
        <dl className="audit-facts">
          <div className="audit-facts-wide">
            <dt>Kind</dt>
            <dd>
              {kind.label} ({kind.article}, severity {i.severity})
            </dd>
          </div>
          <div className="audit-facts-wide">
            <dt>Reporting rule</dt>
            <dd>{kind.rule}</dd>
          </div>
          <div>
            <dt>Occurred</dt>
            <dd>{formatDateTime(i.occurredAt)}</dd>
          </div>
          <div>
            <dt>Became aware</dt>
            <dd>{formatDateTime(i.awareAt)}</dd>
          </div>
          <div>
            <dt>Recorded</dt>
            <dd>
              {formatDateTime(i.recordedAt)} by {i.recordedBy}
            </dd>
          </div>
          {i.closedAt ? (
            <div className="audit-facts-wide">
              <dt>Closed</dt>
              <dd>
                {formatDateTime(i.closedAt)}: <UntrustedText text={i.closeReason ?? ""} />
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      <Notifications incident={i} />
      <Escalations incident={i} canLink={abilities.canRecord && i.holdActive} />
      <Hold incident={i} canRelease={abilities.canReleaseHold} />
    </article>
  );
}

function Notifications({ incident }: { incident: Incident }) {
  return (
    <section className="card" aria-labelledby="incident-notifications-title">
      <h2 id="incident-notifications-title" className="card-title">
        Who was informed
      </h2>
      <p className="muted">
        A deployer informs the provider first, then the importer or distributor and the market surveillance authority (EU AI Act Art. 26(5)).
      </p>
      {incident.notifications.length === 0 ? (
        <p>Nobody has been recorded as informed yet.</p>
      ) : (
        <Table aria-label="Notifications">
          <thead>
            <tr>
              <Th>Informed</Th>
              <Th>Who</Th>
              <Th>When</Th>
              <Th>Note</Th>
            </tr>
          </thead>
          <tbody>
            {incident.notifications.map((n) => (
              <tr key={n.id}>
                <Td>{notifiedParties[n.party]}</Td>
                <Td>
                  <UntrustedText text={n.recipient} />
                </Td>
                <Td>{formatDateTime(n.notifiedAt)}</Td>
                <Td className="prose">
                  <UntrustedText text={n.note} /> <span className="muted">(recorded by {n.recordedBy})</span>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

function Escalations({ incident, canLink }: { incident: Incident; canLink: boolean }) {
  return (
    <section className="card" aria-labelledby="incident-escalations-title">
      <h2 id="incident-escalations-title" className="card-title">
        Linked escalations
      </h2>
      {incident.escalations.length === 0 ? (
        <p>No escalation is linked to this incident.</p>
      ) : (
        <ul>
          {incident.escalations.map((e) => (
            <li key={e.id}>
              <Link to={`/escalations/${e.id}`} className="mono">
                {e.externalId}
              </Link>{" "}
              ({e.status}, received {formatDateTime(e.receivedAt)}){e.purgedAt ? ` — content purged ${formatDateTime(e.purgedAt)}` : null}
            </li>
          ))}
        </ul>
      )}
      {canLink ? <LinkEscalationsForm incidentId={incident.id} /> : null}
    </section>
  );
}

function Hold({ incident, canRelease }: { incident: Incident; canRelease: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const release = useMutation(
    trpc.incidents.releaseHold.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        toast("Legal hold released", "success");
        await queryClient.invalidateQueries(trpc.incidents.pathFilter());
      },
    }),
  );
  return (
    <section className="card" aria-labelledby="incident-hold-title">
      <h2 id="incident-hold-title" className="card-title">
        Legal hold {incident.holdActive ? <Badge tone="warning">in force</Badge> : <Badge>released</Badge>}
      </h2>
      {incident.holdActive ? (
        <>
          <p>The retention purge keeps the linked escalations, their verifications and their audit trail while this hold is in force.</p>
          {canRelease ? (
            <Button variant="secondary" onClick={() => setOpen(true)}>
              Release the legal hold
            </Button>
          ) : null}
        </>
      ) : (
        <p>
          Released {formatDateTime(incident.holdReleasedAt!)} by {incident.holdReleasedBy}: <UntrustedText text={incident.holdReleaseReason ?? ""} />
        </p>
      )}
      <ReasonDialog
        open={open}
        onOpenChange={setOpen}
        title="Release this incident's legal hold?"
        description="Once released, the linked escalations are purged at the next daily run if their retention period has passed. Say why the hold is no longer needed."
        confirmLabel="Release hold"
        minLength={10}
        pending={release.isPending}
        error={release.isError ? errorMessage(release.error) : null}
        onConfirm={(reason) => release.mutate({ incidentId: incident.id, reason })}
      />
    </section>
  );
}

function CloseIncident({ incidentId }: { incidentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const close = useMutation(
    trpc.incidents.close.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await queryClient.invalidateQueries(trpc.incidents.pathFilter());
      },
    }),
  );
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Close incident
      </Button>
      <ReasonDialog
        open={open}
        onOpenChange={setOpen}
        title="Close this incident?"
        description="Closing does not release the legal hold, and does not count as a report to the authority."
        confirmLabel="Close incident"
        minLength={10}
        pending={close.isPending}
        error={close.isError ? errorMessage(close.error) : null}
        onConfirm={(reason) => close.mutate({ incidentId, reason })}
      />
    </>
  );
}

function PackDownload({ incidentId }: { incidentId: string }) {
  const { state, download } = useIncidentPackDownload(incidentId);
  return (
    <>
      <Button onClick={() => void download()} disabled={state.phase === "preparing"}>
        {state.phase === "preparing" ? "Preparing the pack…" : "Download incident pack"}
      </Button>
      <span aria-live="polite" className="muted">
        {state.phase === "done" ? `Saved ${state.filename}` : state.phase === "failed" ? `The pack could not be made: ${state.message}` : null}
      </span>
    </>
  );
}

import { hasPermission } from "@countersign/shared/permissions";
import { placeHoldInputSchema, liftHoldInputSchema, type LegalHold } from "@countersign/shared/retention";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { formatDateTime } from "@countersign/shared/format";
import { useTRPC } from "../../../lib/trpc";

type Target = { systemId: string; escalationId?: undefined } | { escalationId: string; systemId?: undefined };

/**
 * Legal holds on a system, or those covering one escalation: while one is in force, the daily
 * purge keeps what it covers. Leads and admins place and lift them, each with a reason; the
 * server writes the hold and its audit entry together.
 */
export function LegalHoldsPanel({ target }: { target: Target }) {
  const trpc = useTRPC();
  const { data: user } = useCurrentUser();
  const holds = useQuery(trpc.retention.holds.queryOptions(target));
  const canManage = hasPermission(user, "manageLegalHolds");
  const inForce = holds.data?.filter((h) => h.liftedAt === null) ?? [];
  const what = target.escalationId ? "this escalation" : "this AI system";
  return (
    <section className="card audit-card" aria-labelledby="legal-holds-title">
      <div className="trail-part-head">
        <h2 id="legal-holds-title" className="card-title">
          Legal holds {inForce.length > 0 ? <Badge tone="warning">{inForce.length} in force</Badge> : null}
        </h2>
        {canManage ? <HoldDialog mode={{ kind: "place", target }} label={`Place a legal hold on ${what}`} /> : null}
      </div>
      <p className="muted">
        Content past its retention period is purged once a day, unless a legal hold in force covers it: a hold on the system keeps all of its
        escalations, a hold on an escalation keeps that one.
      </p>
      {holds.isPending ? (
        <Skeleton lines={2} label="Loading legal holds…" />
      ) : holds.isError ? (
        <StateMessage tone="error" title="The legal holds could not be loaded">
          {errorMessage(holds.error)}
        </StateMessage>
      ) : holds.data.length === 0 ? (
        <p>No legal hold has been placed on {what}.</p>
      ) : (
        <Table aria-label="Legal holds">
          <thead>
            <tr>
              <Th>Covers</Th>
              <Th>Placed</Th>
              <Th>Reason</Th>
              <Th>State</Th>
            </tr>
          </thead>
          <tbody>
            {holds.data.map((hold) => (
              <HoldRow key={hold.id} hold={hold} canManage={canManage} />
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

function HoldRow({ hold, canManage }: { hold: LegalHold; canManage: boolean }) {
  return (
    <tr>
      <Td>{hold.escalationId ? <span className="mono">{hold.escalationId}</span> : "the whole system"}</Td>
      <Td>
        {formatDateTime(hold.placedAt)} by {hold.placedBy}
      </Td>
      <Td className="prose">{hold.reason}</Td>
      <Td>
        {hold.liftedAt ? (
          <>
            Lifted {formatDateTime(hold.liftedAt)} by {hold.liftedBy}: <span className="prose">{hold.liftReason}</span>
          </>
        ) : (
          <div className="row-gap">
            <Badge tone="warning">in force</Badge>
            {canManage ? <HoldDialog mode={{ kind: "lift", holdId: hold.id }} label="Lift" /> : null}
          </div>
        )}
      </Td>
    </tr>
  );
}

type Mode = { kind: "place"; target: Target } | { kind: "lift"; holdId: string };

function HoldDialog({ mode, label }: { mode: Mode; label: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [issue, setIssue] = useState<string | undefined>();
  const onSuccess = async () => {
    setOpen(false);
    setReason("");
    toast(mode.kind === "place" ? "Legal hold placed: purging keeps what it covers" : "Legal hold lifted", "success");
    await queryClient.invalidateQueries(trpc.retention.holds.pathFilter());
  };
  const place = useMutation(trpc.retention.placeHold.mutationOptions({ onSuccess }));
  const lift = useMutation(trpc.retention.liftHold.mutationOptions({ onSuccess }));
  const change = mode.kind === "place" ? place : lift;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed =
      mode.kind === "place" ? placeHoldInputSchema.safeParse({ ...mode.target, reason }) : liftHoldInputSchema.safeParse({ holdId: mode.holdId, reason });
    if (!parsed.success) {
      setIssue(zodIssuesByPath(parsed.error.issues).reason ?? parsed.error.issues[0]?.message);
      return;
    }
    setIssue(undefined);
    if (mode.kind === "place") place.mutate(parsed.data as Parameters<typeof place.mutate>[0]);
    else lift.mutate(parsed.data as Parameters<typeof lift.mutate>[0]);
  };
  const serverIssue = change.isError ? issuesByPath(change.error).reason : undefined;
  const formId = mode.kind === "place" ? "place-hold-form" : `lift-hold-${mode.holdId}`;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          change.reset();
          setIssue(undefined);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={mode.kind === "place" ? label : "Lift this legal hold?"}
        description={
          mode.kind === "place"
            ? "While the hold is in force, the daily purge keeps what it covers, whatever the retention period. Name the matter: case, request or investigation."
            : "Once lifted, what the hold kept is purged at the next daily run if its retention period has passed. Say why the hold is no longer needed."
        }
        footer={
          <Button type="submit" form={formId} variant="primary" disabled={change.isPending}>
            {change.isPending ? "Working…" : mode.kind === "place" ? "Place hold" : "Lift hold"}
          </Button>
        }
      >
        <form id={formId} className="form" onSubmit={submit} noValidate>
          <FormField label="Reason" error={issue ?? serverIssue} hint="Required, at least 10 characters. Written to the audit log and shown in the proof pack.">
            <textarea className="textarea" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </FormField>
          {change.isError && !serverIssue ? (
            <p className="form-error" role="alert">
              {errorMessage(change.error)}
            </p>
          ) : null}
        </form>
      </Dialog>
    </>
  );
}

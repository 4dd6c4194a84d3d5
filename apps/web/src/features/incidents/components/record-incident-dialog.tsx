import { formatDateTime, formatLocalInput, localInputToIso } from "@countersign/shared/format";
import {
  incidentKinds,
  incidentKindValues,
  incidentSeverities,
  recordIncidentInputSchema,
  reportDueAt,
  type IncidentKind,
  type IncidentSeverity,
} from "@countersign/shared/incidents";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * Records an incident in a dialog: the AI system, what happened (free text, shown only as text),
 * its kind (which sets the Art. 73 clock, shown as the form is filled in), when it occurred and
 * when you became aware, and the escalations it concerns by id or externalId.
 */
export function RecordIncidentDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const systems = useQuery(trpc.systems.list.queryOptions(undefined, { staleTime: 60_000 }));
  const [open, setOpen] = useState(false);
  const now = formatLocalInput(Date.now());
  const [form, setForm] = useState({ systemId: "", title: "", description: "", kind: "serious_incident" as IncidentKind, severity: "high" as IncidentSeverity, occurredAt: now, awareAt: now, escalations: "" });
  const [issues, setIssues] = useState<Record<string, string>>({});
  const record = useMutation(
    trpc.incidents.record.mutationOptions({
      onSuccess: async ({ id }) => {
        setOpen(false);
        toast("Incident recorded: its escalations are on legal hold", "success");
        await queryClient.invalidateQueries(trpc.incidents.pathFilter());
        void navigate(`/incidents/${id}`);
      },
    }),
  );
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));
  const systemId = form.systemId || systems.data?.[0]?.id || "";
  const awareIso = localInputToIso(form.awareAt);
  const due = awareIso ? reportDueAt(form.kind, awareIso) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = recordIncidentInputSchema.safeParse({
      ...form,
      systemId,
      occurredAt: localInputToIso(form.occurredAt) ?? form.occurredAt,
      awareAt: awareIso ?? form.awareAt,
      escalations: form.escalations
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (!parsed.success) {
      // "escalations.2" is the escalations field's issue.
      setIssues(Object.fromEntries(Object.entries(zodIssuesByPath(parsed.error.issues)).map(([path, message]) => [path.split(".")[0]!, message])));
      return;
    }
    setIssues({});
    record.mutate(parsed.data);
  };
  const shown = { ...(record.isError ? issuesByPath(record.error) : {}), ...issues };
  return (
    <>
      <Button
        variant="primary"
        onClick={() => {
          record.reset();
          setIssues({});
          setOpen(true);
        }}
      >
        Record an incident
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        wide
        title="Record an incident"
        description="Recording places a legal hold on the linked escalations: purging keeps them, their verifications and their trail until the hold is released."
        footer={
          <Button type="submit" form="record-incident-form" variant="primary" disabled={record.isPending}>
            {record.isPending ? "Recording…" : "Record incident"}
          </Button>
        }
      >
        <form id="record-incident-form" className="form" onSubmit={submit} noValidate>
          <FormField label="AI system" error={shown.systemId}>
            <select className="select" value={systemId} onChange={set("systemId")}>
              {systems.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.slug})
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Title" error={shown.title}>
            <input className="input" value={form.title} onChange={set("title")} autoFocus />
          </FormField>
          <FormField label="What happened" error={shown.description} hint="Who was affected, how, and what the AI system did. At least 20 characters.">
            <textarea className="textarea" rows={4} value={form.description} onChange={set("description")} />
          </FormField>
          <FormField label="Kind" error={shown.kind} hint={incidentKinds[form.kind].rule}>
            <select className="select" value={form.kind} onChange={set("kind")}>
              {incidentKindValues.map((kind) => (
                <option key={kind} value={kind}>
                  {incidentKinds[kind].label} ({incidentKinds[kind].article})
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Severity" error={shown.severity}>
            <select className="select" value={form.severity} onChange={set("severity")}>
              {incidentSeverities.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Occurred at" error={shown.occurredAt}>
            <input className="input" type="datetime-local" value={form.occurredAt} onChange={set("occurredAt")} />
          </FormField>
          <FormField
            label="Became aware at"
            error={shown.awareAt}
            hint={due ? `The report to the market surveillance authority is due ${formatDateTime(due)}.` : "This kind has no statutory deadline."}
          >
            <input className="input" type="datetime-local" value={form.awareAt} onChange={set("awareAt")} />
          </FormField>
          <FormField label="Escalations" error={shown.escalations} hint="Ids or externalIds of this system's escalations, separated by commas or spaces.">
            <input className="input mono" value={form.escalations} onChange={set("escalations")} />
          </FormField>
          {record.isError && Object.keys(issuesByPath(record.error)).length === 0 ? (
            <p className="form-error" role="alert">
              {errorMessage(record.error)}
            </p>
          ) : null}
        </form>
      </Dialog>
    </>
  );
}

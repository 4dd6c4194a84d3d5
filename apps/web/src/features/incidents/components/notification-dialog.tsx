import { formatLocalInput, localInputToIso } from "@countersign/shared/format";
import { notifiedParties, notifiedPartyValues, recordNotificationInputSchema, type NotifiedParty } from "@countersign/shared/incidents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * Records that someone was informed of an incident: the provider, the market surveillance
 * authority (the report that stops the Art. 73 clock), the importer or distributor, or another party.
 */
export function NotificationDialog({ incidentId }: { incidentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ party: "market_surveillance_authority" as NotifiedParty, recipient: "", notifiedAt: formatLocalInput(Date.now()), note: "" });
  const [issues, setIssues] = useState<Record<string, string>>({});
  const notify = useMutation(
    trpc.incidents.recordNotification.mutationOptions({
      onSuccess: async ({ status }) => {
        setOpen(false);
        setForm((f) => ({ ...f, recipient: "", note: "" }));
        toast(status === "reported" ? "Report recorded: the incident is reported" : "Notification recorded", "success");
        await queryClient.invalidateQueries(trpc.incidents.pathFilter());
      },
    }),
  );
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = recordNotificationInputSchema.safeParse({ ...form, incidentId, notifiedAt: localInputToIso(form.notifiedAt) ?? form.notifiedAt });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    notify.mutate(parsed.data);
  };
  const shown = { ...(notify.isError ? issuesByPath(notify.error) : {}), ...issues };
  return (
    <>
      <Button
        variant="primary"
        onClick={() => {
          notify.reset();
          setIssues({});
          setForm((f) => ({ ...f, notifiedAt: formatLocalInput(Date.now()) }));
          setOpen(true);
        }}
      >
        Record who was informed
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Record who was informed"
        description="Each notification is written to the audit log. The report to the market surveillance authority stops the reporting clock."
        footer={
          <Button type="submit" form="incident-notification-form" variant="primary" disabled={notify.isPending}>
            {notify.isPending ? "Recording…" : "Record notification"}
          </Button>
        }
      >
        <form id="incident-notification-form" className="form" onSubmit={submit} noValidate>
          <FormField label="Who was informed" error={shown.party}>
            <select className="select" value={form.party} onChange={set("party")} autoFocus>
              {notifiedPartyValues.map((party) => (
                <option key={party} value={party}>
                  {notifiedParties[party]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Recipient" error={shown.recipient} hint="The authority's or company's name, or the contact you reached.">
            <input className="input" value={form.recipient} onChange={set("recipient")} />
          </FormField>
          <FormField label="Informed at" error={shown.notifiedAt}>
            <input className="input" type="datetime-local" value={form.notifiedAt} onChange={set("notifiedAt")} />
          </FormField>
          <FormField label="Note" error={shown.note} hint="Channel, reference number, whether this was an initial report (Art. 73(5)).">
            <textarea className="textarea" rows={3} value={form.note} onChange={set("note")} />
          </FormField>
          {notify.isError && Object.keys(issuesByPath(notify.error)).length === 0 ? (
            <p className="form-error" role="alert">
              {errorMessage(notify.error)}
            </p>
          ) : null}
        </form>
      </Dialog>
    </>
  );
}

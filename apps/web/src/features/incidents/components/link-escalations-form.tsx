import { linkIncidentEscalationsInputSchema } from "@countersign/shared/incidents";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * Links escalations found after the incident was recorded, by id or the AI system's externalId:
 * the incident's legal hold covers them from then on, and the link is audited.
 */
export function LinkEscalationsForm({ incidentId }: { incidentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [references, setReferences] = useState("");
  const [issue, setIssue] = useState<string | undefined>();
  const link = useMutation(
    trpc.incidents.linkEscalations.mutationOptions({
      onSuccess: async ({ linked, alreadyLinked }) => {
        setReferences("");
        toast(
          linked.length > 0
            ? `Linked ${linked.length} escalation${linked.length === 1 ? "" : "s"}: the legal hold covers ${linked.length === 1 ? "it" : "them"}`
            : `Already linked: ${alreadyLinked.length} escalation${alreadyLinked.length === 1 ? "" : "s"}`,
          "success",
        );
        await queryClient.invalidateQueries(trpc.incidents.pathFilter());
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const escalations = references.split(/[\s,]+/).filter(Boolean);
    const parsed = linkIncidentEscalationsInputSchema.safeParse({ incidentId, escalations });
    if (!parsed.success) {
      setIssue(Object.values(zodIssuesByPath(parsed.error.issues))[0]);
      return;
    }
    setIssue(undefined);
    link.mutate(parsed.data);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Link escalations">
      <FormField
        label="Link escalations"
        error={issue ?? (link.isError ? errorMessage(link.error) : undefined)}
        hint="Escalation ids or the AI system's externalIds, separated by spaces or commas. The legal hold covers them from then on."
      >
        <input className="input" value={references} onChange={(event) => setReferences(event.target.value)} />
      </FormField>
      <Button type="submit" variant="secondary" disabled={link.isPending}>
        {link.isPending ? "Linking…" : "Link to this incident"}
      </Button>
    </form>
  );
}

import { recordRequestInputSchema, requestChannels, requestKinds, requestKindWords, type RequestChannel, type RequestKind } from "@countersign/shared/affected-person-requests";
import { formatDateTime } from "@countersign/shared/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { channelWords, localNow, localToIso } from "../utils/words";

type Draft = { systemId: string; externalId: string; kind: RequestKind; requesterReference: string; received: string; channel: RequestChannel; assigneeId: string };

const emptyDraft = (): Draft => ({ systemId: "", externalId: "", kind: "explanation", requesterReference: "", received: localNow(), channel: "email", assigneeId: "" });

/**
 * A lead records a request from an affected person: the decision by the AI system's externalId,
 * what they ask for, a reference (not their name), when and how it arrived, and the qualified
 * person it goes to. The server sets the due date (GDPR Art. 12(3)).
 */
export function RecordRequestForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [recorded, setRecorded] = useState<{ id: string; dueAt: string } | null>(null);
  const systems = useQuery(trpc.systems.list.queryOptions());
  const assignees = useQuery(
    trpc.affectedPersonRequests.eligibleAssignees.queryOptions({ systemId: draft.systemId, kind: draft.kind }, { enabled: draft.systemId !== "" }),
  );
  const record = useMutation(
    trpc.affectedPersonRequests.record.mutationOptions({
      onSuccess: async (result) => {
        setRecorded(result);
        setDraft(emptyDraft());
        toast(`Request recorded: the answer is due by ${formatDateTime(result.dueAt)}`, "success");
        await queryClient.invalidateQueries(trpc.affectedPersonRequests.pathFilter());
      },
    }),
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value, ...(key === "systemId" || key === "kind" ? { assigneeId: "" } : {}) }));
  const shown = { ...(record.isError ? issuesByPath(record.error) : {}), ...issues };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { received, ...rest } = draft;
    const parsed = recordRequestInputSchema.safeParse({ ...rest, receivedAt: localToIso(received) });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    setRecorded(null);
    record.mutate(parsed.data);
  };

  const choices = assignees.data ?? [];
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Record a request">
      <div className="qualification-grid">
        <FormField label="AI system" error={shown.systemId}>
          <select className="select" value={draft.systemId} onChange={(e) => set("systemId", e.target.value)}>
            <option value="">{systems.isPending ? "Loading…" : "Choose the AI system"}</option>
            {(systems.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="externalId of the decision" error={shown.externalId} hint="The AI system's own id of the output the decision was about, as on the person's letter or case.">
          <input className="input mono" value={draft.externalId} onChange={(e) => set("externalId", e.target.value)} maxLength={256} />
        </FormField>
      </div>
      <FormField label="The person asks for" error={shown.kind}>
        <select className="select" value={draft.kind} onChange={(e) => set("kind", e.target.value as RequestKind)}>
          {requestKinds.map((k) => (
            <option key={k} value={k}>
              {requestKindWords[k].label} ({requestKindWords[k].basis})
            </option>
          ))}
        </select>
      </FormField>
      <div className="qualification-grid">
        <FormField label="Requester's reference" error={shown.requesterReference} hint="A case or ticket number that tells requests apart: not the person's name or address.">
          <input className="input" value={draft.requesterReference} onChange={(e) => set("requesterReference", e.target.value)} maxLength={120} />
        </FormField>
        <FormField label="Received" error={shown.receivedAt} hint="When the request reached you: the month to answer runs from here.">
          <input className="input" type="datetime-local" value={draft.received} onChange={(e) => set("received", e.target.value)} />
        </FormField>
        <FormField label="Channel" error={shown.channel}>
          <select className="select" value={draft.channel} onChange={(e) => set("channel", e.target.value as RequestChannel)}>
            {requestChannels.map((c) => (
              <option key={c} value={c}>
                {channelWords[c]}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField
        label="Route to"
        error={shown.assigneeId}
        hint={
          draft.kind === "human_intervention"
            ? "People qualified for this AI system with the override authority: contesting a decision needs someone who can change it."
            : "People qualified for this AI system (review or override)."
        }
      >
        <select className="select" value={draft.assigneeId} onChange={(e) => set("assigneeId", e.target.value)} disabled={draft.systemId === ""}>
          <option value="">{draft.systemId === "" ? "Choose the AI system first" : assignees.isPending ? "Loading…" : choices.length ? "Choose a qualified person" : "Nobody is qualified for this"}</option>
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </FormField>
      {record.isError && Object.keys(issuesByPath(record.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(record.error)}
        </p>
      ) : null}
      {recorded ? (
        <p role="status">
          Recorded. The answer is due by {formatDateTime(recorded.dueAt)}. <Link to={`/requests/${recorded.id}`}>Open the request</Link>
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={record.isPending}>
          {record.isPending ? "Recording…" : "Record and route"}
        </Button>
      </div>
    </form>
  );
}

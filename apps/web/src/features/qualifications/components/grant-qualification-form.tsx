import { authorities } from "@countersign/shared/qualifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { authorityHint, emptyGrantDraft, grantInput, type GrantDraft } from "../utils/qualification-draft";

/** Records a reviewer's training and the authority granted for this AI system. */
export function GrantQualificationForm({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const users = useQuery(trpc.users.list.queryOptions());
  const reviewers = (users.data ?? []).filter((u) => u.active && (u.roles.includes("reviewer") || u.roles.includes("lead")));
  const [draft, setDraft] = useState<GrantDraft>(() => emptyGrantDraft());
  const [issues, setIssues] = useState<Record<string, string>>({});
  const grant = useMutation(
    trpc.qualifications.grant.mutationOptions({
      onSuccess: async () => {
        const name = reviewers.find((r) => r.id === draft.userId)?.name ?? "The reviewer";
        toast(`${name} is qualified for this AI system`, "success");
        setDraft(emptyGrantDraft());
        await queryClient.invalidateQueries(trpc.qualifications.list.pathFilter());
      },
    }),
  );
  const shown = { ...(grant.isError ? issuesByPath(grant.error) : {}), ...issues };
  const set = <K extends keyof GrantDraft>(key: K, value: GrantDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = grantInput(systemId, draft);
    if (!result.ok) {
      setIssues(result.issues);
      return;
    }
    setIssues({});
    grant.mutate(result.input);
  };

  return (
    <form className="form qualification-form" onSubmit={submit} noValidate aria-label="Grant a qualification">
      <div className="qualification-grid">
        <FormField label="Reviewer" error={shown.userId} hint={users.isError ? errorMessage(users.error) : "Reviewers, and leads (a lead without the reviewer role may hold override, to resolve disputes, and stop)."}>
          <select className="select" value={draft.userId} onChange={(e) => set("userId", e.target.value)}>
            <option value="">{users.isPending ? "Loading…" : reviewers.length ? "Choose a reviewer" : "No active reviewers"}</option>
            {reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.email})
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Obtained" error={shown.obtainedAt} hint="The day the training was completed.">
          <input className="input" type="date" value={draft.obtained} onChange={(e) => set("obtained", e.target.value)} />
        </FormField>
        <FormField label="Expires" error={shown.expiresAt} hint="Valid to the end of this day; after it, claims are refused.">
          <input className="input" type="date" value={draft.expires} min={draft.obtained} onChange={(e) => set("expires", e.target.value)} />
        </FormField>
      </div>
      <FormField label="Training or competence" error={shown.training} hint="What the training was, e.g. “Refund policy and fraud signals course, 2026 edition”; 3 to 500 characters.">
        <input className="input" value={draft.training} onChange={(e) => set("training", e.target.value)} maxLength={500} />
      </FormField>
      <fieldset className="field" aria-describedby={shown.authority ? `${id}-authority-error` : undefined}>
        <legend className="field-label">Authority</legend>
        <div className="choice-list">
          {authorities.map((a) => (
            <label key={a} className="choice">
              <input
                type="checkbox"
                checked={draft.authority.includes(a)}
                onChange={(e) => set("authority", e.target.checked ? [...draft.authority, a] : draft.authority.filter((x) => x !== a))}
              />
              <span>
                <strong>{a}</strong> <span className="muted">— {authorityHint[a]}</span>
              </span>
            </label>
          ))}
        </div>
        {shown.authority ? (
          <div className="field-error" id={`${id}-authority-error`}>
            {shown.authority}
          </div>
        ) : null}
      </fieldset>
      {grant.isError && Object.keys(issuesByPath(grant.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(grant.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={grant.isPending}>
          {grant.isPending ? "Granting…" : "Grant qualification"}
        </Button>
      </div>
    </form>
  );
}

import { chatKinds, setPersonalChatInputSchema, type ChatKind } from "@countersign/shared/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

export const chatKindLabels: Record<ChatKind, string> = { slack: "Slack (or compatible)", teams: "Microsoft Teams" };

/** One's own chat incoming webhook. Its address is a secret: once saved, only its host and last characters are shown. */
export function PersonalChatForm({ current }: { current: { kind: ChatKind; urlHint: string } | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState<ChatKind>("slack");
  const [url, setUrl] = useState("");
  const [issue, setIssue] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries(trpc.notifications.mine.pathFilter());
  const save = useMutation(
    trpc.notifications.setPersonalChat.mutationOptions({
      onSuccess: async () => {
        setUrl("");
        toast("Your chat webhook is saved", "success");
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.notifications.removePersonalChat.mutationOptions({ onSuccess: refresh }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = setPersonalChatInputSchema.safeParse({ kind, url });
    if (!parsed.success) {
      setIssue(zodIssuesByPath(parsed.error.issues).url ?? parsed.error.issues[0]?.message);
      return;
    }
    setIssue(undefined);
    save.mutate(parsed.data);
  };
  return (
    <section className="card" aria-labelledby="personal-chat-title">
      <h2 id="personal-chat-title" className="card-title">
        Your chat webhook
      </h2>
      {current ? (
        <div className="row-gap">
          <span>
            {chatKindLabels[current.kind]}: <span className="mono">{current.urlHint}</span>
          </span>
          <Button variant="secondary" size="sm" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Remove
          </Button>
        </div>
      ) : (
        <p className="muted">None yet: notifications set to chat go by email.</p>
      )}
      <form className="form" onSubmit={submit} noValidate aria-label="Chat webhook">
        <FormField label="Chat" hint="Where the incoming webhook belongs.">
          <select className="select" value={kind} onChange={(e) => setKind(e.target.value as ChatKind)}>
            {chatKinds.map((k) => (
              <option key={k} value={k}>
                {chatKindLabels[k]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label="Incoming webhook address"
          error={issue ?? (save.isError ? (issuesByPath(save.error).url ?? errorMessage(save.error)) : undefined)}
          hint="https://… from your chat's incoming webhook settings. Whoever holds it can post to your channel: it is never shown back in full."
        >
          <input className="input" type="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} />
        </FormField>
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {current ? "Replace chat webhook" : "Save chat webhook"}
          </Button>
        </div>
      </form>
    </section>
  );
}

import {
  addTeamChannelInputSchema,
  chatKinds,
  notificationCadences,
  notificationTriggers,
  triggerLabels,
  type AddTeamChannelInput,
  type ChatKind,
  type NotificationCadence,
  type NotificationTrigger,
} from "@countersign/shared/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { cadenceLabels } from "../utils/labels";
import { chatKindLabels } from "./personal-chat-form";

// What is told to one person (their qualification, their decision reopened) is not for a team's channel.
const teamTriggers = notificationTriggers.filter((t) => t !== "qualification_expiring" && t !== "decision_reopened");

/** An admin connects a team's channel: which triggers it hears, for one AI system or all. */
export function TeamChannelForm({ systems }: { systems: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [label, setLabel] = useState("");
  const [kind, setKind] = useState<ChatKind>("slack");
  const [url, setUrl] = useState("");
  const [systemId, setSystemId] = useState("");
  const [cadence, setCadence] = useState<NotificationCadence>("immediate");
  const [triggers, setTriggers] = useState<NotificationTrigger[]>(["urgent_waiting", "system_halted"]);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const add = useMutation(
    trpc.notifications.addTeamChannel.mutationOptions({
      onSuccess: async () => {
        setLabel("");
        setUrl("");
        toast("Team channel connected", "success");
        await queryClient.invalidateQueries(trpc.notifications.teamChannels.pathFilter());
      },
    }),
  );
  const shown = { ...(add.isError ? issuesByPath(add.error) : {}), ...issues };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = addTeamChannelInputSchema.safeParse({ label, kind, url, systemId: systemId || null, triggers, cadence });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    add.mutate(parsed.data as AddTeamChannelInput);
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Connect a team channel">
      <h3>Connect a team channel</h3>
      <FormField label="Team or channel" error={shown.label}>
        <input className="input" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} />
      </FormField>
      <FormField label="Chat">
        <select className="select" value={kind} onChange={(e) => setKind(e.target.value as ChatKind)}>
          {chatKinds.map((k) => (
            <option key={k} value={k}>
              {chatKindLabels[k]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Incoming webhook address" error={shown.url} hint="https://…; a secret, never shown back in full.">
        <input className="input" type="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} />
      </FormField>
      <FormField label="AI system">
        <select className="select" value={systemId} onChange={(e) => setSystemId(e.target.value)}>
          <option value="">Every AI system</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="When">
        <select className="select" value={cadence} onChange={(e) => setCadence(e.target.value as NotificationCadence)}>
          {notificationCadences.map((c) => (
            <option key={c} value={c}>
              {cadenceLabels[c]}
            </option>
          ))}
        </select>
      </FormField>
      <fieldset className="field">
        <legend className="field-label">Hears</legend>
        <div className="choice-list">
          {teamTriggers.map((trigger) => (
            <label key={trigger} className="choice">
              <input
                type="checkbox"
                checked={triggers.includes(trigger)}
                onChange={(e) => setTriggers(e.target.checked ? [...triggers, trigger] : triggers.filter((x) => x !== trigger))}
              />
              <span>{triggerLabels[trigger]}</span>
            </label>
          ))}
        </div>
        {shown.triggers ? <div className="field-error">{shown.triggers}</div> : null}
      </fieldset>
      {add.isError && Object.keys(issuesByPath(add.error)).length === 0 ? (
        <p className="form-error" role="alert">
          {errorMessage(add.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={add.isPending}>
          Connect channel
        </Button>
      </div>
    </form>
  );
}

import { eventTypes, type EventType } from "@countersign/shared/events";
import { addWebhookEndpointInputSchema } from "@countersign/shared/webhooks";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";

type Props = {
  systemId: string;
  pending: boolean;
  serverError: unknown;
  onSubmit: (input: { systemId: string; url: string; events: EventType[] }) => void;
};

/** Where to push events, and which: the events are the one closed list the server accepts. */
export function AddEndpointForm({ systemId, pending, serverError, onSubmit }: Props) {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<EventType[]>(["escalation.decided"]);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const serverIssues = serverError ? issuesByPath(serverError) : {};
  const urlError = issues.url ?? serverIssues.url ?? (serverError && !serverIssues.events ? errorMessage(serverError) : undefined);
  const eventsError = issues.events ?? serverIssues.events;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = addWebhookEndpointInputSchema.safeParse({ systemId, url, events });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    onSubmit(parsed.data);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Add webhook endpoint">
      <FormField label="Endpoint URL" error={urlError} hint="http(s) only. Addresses in private, loopback or link-local networks are refused unless the server allows them.">
        <input className="input mono" value={url} placeholder="https://ai-system.example.com/countersign-events" onChange={(e) => setUrl(e.target.value)} />
      </FormField>
      <fieldset className="field">
        <legend className="field-label">Events</legend>
        {eventTypes.map((type) => (
          <label key={type} className="choice">
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(e) => setEvents(e.target.checked ? [...events, type] : events.filter((t) => t !== type))}
            />
            <span className="mono">{type}</span>
          </label>
        ))}
        {eventsError ? <div className="field-error">{eventsError}</div> : null}
      </fieldset>
      <div>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
      </div>
    </form>
  );
}

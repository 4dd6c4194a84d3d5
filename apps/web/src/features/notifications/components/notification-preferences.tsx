import {
  notificationCadences,
  notificationChannels,
  triggerAudience,
  triggerLabels,
  type NotificationPreference,
} from "@countersign/shared/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { cadenceLabels } from "../utils/labels";
import { PersonalChatForm } from "./personal-chat-form";

const channelLabels = { email: "Email", chat: "Chat", off: "Off" } as const;

/** One's own notifications: which triggers, by which channel, at once or gathered in a digest. */
export function NotificationPreferences() {
  const trpc = useTRPC();
  const mine = useQuery(trpc.notifications.mine.queryOptions());
  if (mine.isPending) return <Skeleton lines={6} label="Loading your notifications…" />;
  if (mine.isError) {
    return (
      <StateMessage tone="error" title="Your notifications could not be loaded">
        {errorMessage(mine.error)}
      </StateMessage>
    );
  }
  const { preferences, personalChat, emailConfigured, linksConfigured } = mine.data;
  return (
    <>
      <section className="card" aria-labelledby="notification-preferences-title">
        <h2 id="notification-preferences-title" className="card-title">
          What you hear
        </h2>
        <p className="muted">
          Messages say which AI system, the priority, how long something has waited and the reason's kind, with a link into the workbench —
          never the input, the AI output or anyone's analysis. There is no approving from an email or a chat: a decision needs the analysis form.
        </p>
        {!emailConfigured ? (
          <StateMessage tone="warning" title="Email is not configured on this server">
            Notifications set to email are not sent until an admin sets COUNTERSIGN_SMTP_URL. Chat works with a chat webhook of your own.
          </StateMessage>
        ) : null}
        {!linksConfigured ? (
          <StateMessage tone="warning" title="Links need COUNTERSIGN_PUBLIC_URL">
            The server does not know its public address, so messages name the workbench's pages instead of linking to them.
          </StateMessage>
        ) : null}
        {preferences.length === 0 ? (
          <p>Your roles hear no notifications.</p>
        ) : (
          <PreferencesForm key={JSON.stringify(preferences)} initial={preferences} hasChat={personalChat !== null} />
        )}
      </section>
      <PersonalChatForm current={personalChat} />
    </>
  );
}

function PreferencesForm({ initial, hasChat }: { initial: NotificationPreference[]; hasChat: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState(() => initial.map(({ trigger, channel, cadence }) => ({ trigger, channel, cadence })));
  const save = useMutation(
    trpc.notifications.setPreferences.mutationOptions({
      onSuccess: async () => {
        toast("Your notification preferences are saved", "success");
        await queryClient.invalidateQueries(trpc.notifications.mine.pathFilter());
      },
    }),
  );
  const set = (index: number, change: Partial<NotificationPreference>) => setDraft((d) => d.map((p, i) => (i === index ? { ...p, ...change } : p)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ preferences: draft });
  };
  return (
    <form onSubmit={submit} aria-label="Notification preferences">
      <Table aria-label="Notification preferences">
        <thead>
          <tr>
            <Th>Notification</Th>
            <Th>Channel</Th>
            <Th>When</Th>
          </tr>
        </thead>
        <tbody>
          {draft.map((preference, index) => (
            <tr key={preference.trigger}>
              <Td>
                {triggerLabels[preference.trigger]}
                <div className="muted">Sent to {triggerAudience[preference.trigger]}</div>
              </Td>
              <Td>
                <select
                  className="select"
                  aria-label={`Channel for: ${triggerLabels[preference.trigger]}`}
                  value={preference.channel}
                  onChange={(e) => set(index, { channel: e.target.value as NotificationPreference["channel"] })}
                >
                  {notificationChannels.map((channel) => (
                    <option key={channel} value={channel}>
                      {channelLabels[channel]}
                      {channel === "chat" && !hasChat ? " (by email until you add a chat webhook)" : ""}
                    </option>
                  ))}
                </select>
              </Td>
              <Td>
                <select
                  className="select"
                  aria-label={`When for: ${triggerLabels[preference.trigger]}`}
                  value={preference.cadence}
                  disabled={preference.channel === "off"}
                  onChange={(e) => set(index, { cadence: e.target.value as NotificationPreference["cadence"] })}
                >
                  {notificationCadences.map((cadence) => (
                    <option key={cadence} value={cadence}>
                      {cadenceLabels[cadence]}
                    </option>
                  ))}
                </select>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {save.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save preferences"}
        </Button>
      </div>
    </form>
  );
}

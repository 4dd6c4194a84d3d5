import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "@countersign/shared/format";
import { useTRPC } from "../../../lib/trpc";
import { triggerLabels, type NotificationCadence, type NotificationTrigger } from "@countersign/shared/notifications";
import { cadenceLabels } from "../utils/labels";
import { TeamChannelForm } from "./team-channel-form";

/** For admins: whether email and links are configured, the messages that fail, and the teams' chat channels. */
export function NotificationsAdmin() {
  const trpc = useTRPC();
  const health = useQuery(trpc.notifications.health.queryOptions());
  if (health.isPending) return <Skeleton lines={6} label="Loading notifications…" />;
  if (health.isError) {
    return (
      <StateMessage tone="error" title="The notifications could not be loaded">
        {errorMessage(health.error)}
      </StateMessage>
    );
  }
  const h = health.data;
  return (
    <>
      <section className="card" aria-labelledby="notify-health-title">
        <h2 id="notify-health-title" className="card-title">
          Delivery
        </h2>
        <ul>
          <li>Email: {h.emailConfigured ? "configured (COUNTERSIGN_SMTP_URL)" : "not configured — set COUNTERSIGN_SMTP_URL and COUNTERSIGN_MAIL_FROM"}</li>
          <li>
            Links: {h.publicUrl ? <span className="mono">{h.publicUrl}</span> : "links need COUNTERSIGN_PUBLIC_URL — until it is set, messages name the pages instead"}
          </li>
          <li>
            An urgent escalation is announced after {h.urgentAfterMinutes} min unclaimed; a due date {h.dueWithinMinutes} min ahead; a qualification{" "}
            {h.qualificationWithinDays} days before it expires.
          </li>
          <li>
            Messages: {h.counts.sent} sent, {h.counts.pending} waiting, {h.counts.failed} failed (given up after {h.maxAttempts} attempts).
          </li>
        </ul>
        {h.troubled.length === 0 ? (
          <p>No message is failing.</p>
        ) : (
          <Table aria-label="Failing notifications">
            <thead>
              <tr>
                <Th>To</Th>
                <Th>Message</Th>
                <Th>State</Th>
                <Th>Last error</Th>
              </tr>
            </thead>
            <tbody>
              {h.troubled.map((d) => (
                <tr key={d.id}>
                  <Td>
                    {d.recipientName ?? d.recipientKey} <span className="muted">by {d.channel}</span>
                  </Td>
                  <Td>{d.subject}</Td>
                  <Td>
                    <Badge tone={d.status === "failed" ? "danger" : "warning"}>{d.status === "failed" ? "given up" : "retrying"}</Badge> after {d.attempts}{" "}
                    attempts{d.status === "pending" ? `; next ${formatDateTime(d.nextAttemptAt)}` : ""}
                  </Td>
                  <Td className="prose">{d.lastError}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <TeamChannels />
    </>
  );
}

function TeamChannels() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channels = useQuery(trpc.notifications.teamChannels.queryOptions());
  const systems = useQuery(trpc.systems.list.queryOptions());
  const remove = useMutation(
    trpc.notifications.removeTeamChannel.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.notifications.teamChannels.pathFilter()) }),
  );
  const systemName = (id: string | null) => (id ? (systems.data?.find((s) => s.id === id)?.name ?? id) : "every AI system");
  return (
    <section className="card" aria-labelledby="team-channels-title">
      <h2 id="team-channels-title" className="card-title">
        Team chat channels
      </h2>
      {channels.isPending ? (
        <Skeleton lines={2} label="Loading team channels…" />
      ) : channels.isError ? (
        <StateMessage tone="error" title="The team channels could not be loaded">
          {errorMessage(channels.error)}
        </StateMessage>
      ) : channels.data.length === 0 ? (
        <p>No team channel is connected.</p>
      ) : (
        <Table aria-label="Team chat channels">
          <thead>
            <tr>
              <Th>Channel</Th>
              <Th>Hears</Th>
              <Th>Address</Th>
              <Th />
            </tr>
          </thead>
          <tbody>
            {channels.data.map((c) => (
              <tr key={c.id}>
                <Td>
                  {c.label} <span className="muted">({c.kind}, {cadenceLabels[c.cadence as NotificationCadence].toLowerCase()})</span>
                </Td>
                <Td>
                  {c.triggers.map((tr) => triggerLabels[tr as NotificationTrigger]).join("; ")} — for {systemName(c.systemId)}
                </Td>
                <Td className="mono">{c.urlHint}</Td>
                <Td>
                  <Button variant="secondary" size="sm" onClick={() => remove.mutate({ channelId: c.id })} disabled={remove.isPending}>
                    Remove
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <TeamChannelForm systems={systems.data ?? []} />
    </section>
  );
}

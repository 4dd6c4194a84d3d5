import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatLatency } from "@countersign/shared/format";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { UntrustedText } from "../../../components/untrusted-text";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";

/**
 * Every attempt to one endpoint, newest first: event, attempt, HTTP status, latency and the first
 * KiB of the answer — the receiver's text, shown as text, never as HTML. Redeliver sends an event again.
 */
export function DeliveryLog({ endpointId, active }: { endpointId: string; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  // The log refreshes every 5 s; a clock ticking as often keeps a just-made attempt from reading "in 3 s".
  const now = useNow(5_000);
  const log = useQuery({ ...trpc.webhooks.deliveries.queryOptions({ endpointId }), refetchInterval: 5_000 });
  const redeliver = useMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: async () => {
        toast("Queued for redelivery: it is sent within seconds, with the same webhook-id", "success");
        await queryClient.invalidateQueries(trpc.webhooks.deliveries.queryFilter({ endpointId }));
      },
      onError: (error) => toast(errorMessage(error), "error"),
    }),
  );

  if (log.isPending) return <Skeleton lines={3} label="Loading the delivery log…" />;
  if (log.isError) {
    return (
      <StateMessage tone="error" title="The delivery log could not be loaded">
        {errorMessage(log.error)}
      </StateMessage>
    );
  }
  const { attempts, waiting } = log.data;
  if (attempts.length === 0 && waiting.length === 0) return <StateMessage title="Nothing sent yet">Deliveries appear here as events happen.</StateMessage>;
  return (
    <Table aria-label="Delivery log">
      <thead>
        <tr>
          <Th>Event</Th>
          <Th num>Attempt</Th>
          <Th num>When</Th>
          <Th num>HTTP status</Th>
          <Th num>Latency</Th>
          <Th>Response</Th>
          <Th>Delivery</Th>
          <Th>
            <span className="visually-hidden">Action</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {waiting.map((w) => (
          <tr key={w.deliveryId}>
            <Td className="mono">{w.eventType}</Td>
            <Td num>—</Td>
            <Td num>
              <RelativeTime at={Math.min(w.createdAt, now)} now={now} />
            </Td>
            <Td num>—</Td>
            <Td num>—</Td>
            <Td />
            <Td>
              <Badge>queued</Badge>
            </Td>
            <Td />
          </tr>
        ))}
        {attempts.map((a) => (
          <tr key={a.attemptId}>
            <Td className="mono">{a.eventType}</Td>
            <Td num>{a.attempt}</Td>
            <Td num>
              <RelativeTime at={Math.min(a.at, now)} now={now} />
            </Td>
            <Td num>{a.httpStatus === null ? <Badge tone="danger">none</Badge> : <Badge tone={a.httpStatus < 300 ? "success" : "danger"}>{a.httpStatus}</Badge>}</Td>
            <Td num>{formatLatency(a.latencyMs)}</Td>
            <Td className="response-excerpt">
              <UntrustedText text={a.error ?? a.responseExcerpt ?? ""} />
            </Td>
            <Td>
              {a.deliveryStatus}
              {a.deliveryStatus === "pending" && a.nextAttemptAt ? (
                <>
                  , next <RelativeTime at={a.nextAttemptAt} now={now} />
                </>
              ) : null}
            </Td>
            <Td className="cell-action">
              {active ? (
                <Button size="sm" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ deliveryId: a.deliveryId })} aria-label={`Redeliver ${a.eventType} (attempt ${a.attempt})`}>
                  Redeliver
                </Button>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { useToast } from "../../../components/ui/toast";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { AddEndpointForm } from "./add-endpoint-form";
import { DeliveryLog } from "./delivery-log";
import { WebhookSecretDialog } from "./webhook-secret-dialog";

type Endpoint = RouterOutputs["webhooks"]["list"][number];

/** A system's webhook endpoints: status (and why one is disabled), add, rotate the secret, delete, and each one's delivery log. */
export function WebhooksPanel({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const now = useNow(30_000);
  const [secret, setSecret] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [rotating, setRotating] = useState<Endpoint | null>(null);
  const endpoints = useQuery(trpc.webhooks.list.queryOptions({ systemId }));
  const refresh = () => queryClient.invalidateQueries(trpc.webhooks.list.queryFilter({ systemId }));
  const add = useMutation(
    trpc.webhooks.add.mutationOptions({
      onSuccess: async (created) => {
        setSecret(created.secret);
        await refresh();
      },
    }),
  );
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: async (rotated) => {
        setRotating(null);
        setSecret(rotated.secret);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: async () => {
        toast("Endpoint deleted; nothing more is sent to it", "success");
        setDeleting(null);
        await refresh();
      },
    }),
  );

  return (
    <div className="stack">
      {endpoints.isPending ? (
        <Skeleton lines={3} label="Loading webhook endpoints…" />
      ) : endpoints.isError ? (
        <StateMessage tone="error" title="Webhook endpoints could not be loaded">
          {errorMessage(endpoints.error)}
        </StateMessage>
      ) : endpoints.data.length === 0 ? (
        <StateMessage title="No webhook endpoints yet">
          Add one to push decisions, halts and drift alerts to the AI system, signed per Standard Webhooks. The AI system can also register its own with
          its API key (POST /api/v1/webhook-endpoints).
        </StateMessage>
      ) : (
        endpoints.data.map((endpoint) => (
          <section key={endpoint.id} className="card stack" aria-label={`Webhook endpoint ${endpoint.url}`}>
            <div className="page-head">
              <div>
                <p className="mono">{endpoint.url}</p>
                <p className="muted">
                  {endpoint.status === "active" ? <Badge tone="success">active</Badge> : <Badge tone="danger">disabled</Badge>} {endpoint.events.join(", ")} · added{" "}
                  <RelativeTime at={endpoint.createdAt} now={now} />
                  {endpoint.failingSince && endpoint.status === "active" ? (
                    <>
                      {" "}
                      · <Badge tone="warning">failing</Badge> since <RelativeTime at={endpoint.failingSince} now={now} />
                    </>
                  ) : null}
                  {endpoint.previousSecretExpiresAt ? (
                    <>
                      {" "}
                      · the previous secret still signs until <RelativeTime at={endpoint.previousSecretExpiresAt} now={now} />
                    </>
                  ) : null}
                </p>
                {endpoint.disabledReason ? (
                  <p role="note" className="field-error">
                    Disabled: {endpoint.disabledReason}
                  </p>
                ) : null}
              </div>
              <div className="inline-form">
                <Button size="sm" onClick={() => { rotate.reset(); setRotating(endpoint); }}>
                  Rotate secret
                </Button>
                <Button size="sm" variant="danger" onClick={() => { remove.reset(); setDeleting(endpoint); }} aria-label={`Delete endpoint ${endpoint.url}`}>
                  Delete
                </Button>
              </div>
            </div>
            <DeliveryLog endpointId={endpoint.id} active={endpoint.status === "active"} />
          </section>
        ))
      )}
      <h2 className="card-title">Add an endpoint</h2>
      <AddEndpointForm key={endpoints.data?.length ?? 0} systemId={systemId} pending={add.isPending} serverError={add.isError ? add.error : null} onSubmit={(input) => add.mutate(input)} />
      <WebhookSecretDialog secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog
        open={rotating !== null}
        onOpenChange={(open) => !open && setRotating(null)}
        title="Rotate the signing secret?"
        description="A new secret is shown once. For 24 hours every delivery carries signatures with both the old and the new secret, so the receiver can switch without failing one."
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        error={rotate.isError ? errorMessage(rotate.error) : null}
        onConfirm={() => rotating && rotate.mutate({ endpointId: rotating.id })}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.url ?? "this endpoint"}?`}
        description="Nothing more is sent to it, pending retries included. Its delivery log is kept. This cannot be undone."
        confirmLabel="Delete endpoint"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ endpointId: deleting.id })}
      />
    </div>
  );
}

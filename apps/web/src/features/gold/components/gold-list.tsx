import { formatCount, formatOf } from "@countersign/shared/format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";
import { bidiMarked } from "@countersign/shared/bidi";

type GoldItem = RouterOutputs["gold"]["list"][number];

const outcomeTone: Record<string, BadgeTone> = { approved: "success", rejected: "danger", modified: "accent", escalated: "warning" };

/** A system's gold items with how often reviewers were served one and caught its error; deactivate with confirmation. */
export function GoldList({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const now = useNow(30_000);
  const [deactivating, setDeactivating] = useState<GoldItem | null>(null);
  const items = useQuery(trpc.gold.list.queryOptions({ systemId }));
  const deactivate = useMutation(
    trpc.gold.deactivate.mutationOptions({
      onSuccess: async () => {
        toast(`Gold item ${deactivating?.externalId ?? ""} deactivated; it is no longer served`, "success");
        setDeactivating(null);
        await queryClient.invalidateQueries(trpc.gold.list.queryFilter({ systemId }));
      },
    }),
  );

  if (items.isPending) return <Skeleton lines={4} label="Loading gold items…" />;
  if (items.isError) {
    return (
      <StateMessage tone="error" title="Gold items could not be loaded">
        {errorMessage(items.error)}
      </StateMessage>
    );
  }
  if (items.data.length === 0) {
    return (
      <StateMessage title="No gold items yet">
        Add one below or import a JSONL file. Until there are gold items, this system&apos;s gold catch rate — and its effective verification rate — cannot be measured.
      </StateMessage>
    );
  }
  return (
    <>
      <Table aria-label="Gold items">
        <thead>
          <tr>
            <Th>External id</Th>
            <Th>Reason</Th>
            <Th>Expected outcome</Th>
            <Th num>Served</Th>
            <Th num>Caught</Th>
            <Th num>Added</Th>
            <Th>Status</Th>
            <Th>
              <span className="visually-hidden">Action</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {items.data.map((item) => (
            <tr key={item.id} className={item.active ? undefined : "is-inactive"}>
              <Td>
                <span className="mono">
                  <UntrustedText text={item.externalId} />
                </span>
                {item.notes ? (
                  <span className="cell-sub gold-notes" title={bidiMarked(item.notes)}>
                    <UntrustedText text={item.notes} />
                  </span>
                ) : null}
              </Td>
              <Td>
                <code className="reason-code">{item.reasonCode}</code>
              </Td>
              <Td>
                <Badge tone={outcomeTone[item.expectedOutcome] ?? "neutral"}>{item.expectedOutcome}</Badge>
              </Td>
              <Td num>{formatCount(item.decisions)}</Td>
              <Td num>
                {item.decisions === 0 ? <span className="muted">—</span> : formatOf(item.caught, item.decisions)}
              </Td>
              <Td num>
                <RelativeTime at={item.createdAt} now={now} />
              </Td>
              <Td>{item.active ? <Badge tone="success">active</Badge> : <Badge>inactive</Badge>}</Td>
              <Td className="cell-action">
                {item.active ? (
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => {
                      deactivate.reset();
                      setDeactivating(item);
                    }}
                    aria-label={`Deactivate gold item ${item.externalId}`}
                  >
                    Deactivate
                  </Button>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ConfirmDialog
        open={deactivating !== null}
        onOpenChange={(open) => !open && setDeactivating(null)}
        title={`Deactivate gold item ${deactivating?.externalId ?? ""}?`}
        description="It stops being served to reviewers, and a copy still waiting in the queue is withdrawn. Decisions already made on it keep counting. This cannot be undone; add the item again to serve it again."
        confirmLabel="Deactivate gold item"
        pending={deactivate.isPending}
        error={deactivate.isError ? errorMessage(deactivate.error) : null}
        onConfirm={() => deactivating && deactivate.mutate({ goldItemId: deactivating.id })}
      />
    </>
  );
}

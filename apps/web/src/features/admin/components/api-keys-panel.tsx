import { issueKeyInputSchema } from "@countersign/shared/admin";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useNow } from "../../../hooks/use-now";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { SecretDialog } from "./secret-dialog";

type Key = { id: string; label: string; prefix: string; createdAt: number; revokedAt: number | null };

/** API keys of one AI system: issue (shown once), list, revoke with confirmation. */
export function ApiKeysPanel({ systemId, systemSlug }: { systemId: string; systemSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const now = useNow(30_000);
  const [label, setLabel] = useState("");
  const [labelIssue, setLabelIssue] = useState<string | undefined>();
  const [issued, setIssued] = useState<{ key: string; prefix: string } | null>(null);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const keys = useQuery(trpc.systems.keys.queryOptions({ systemId }));
  const refresh = () => queryClient.invalidateQueries(trpc.systems.keys.queryFilter({ systemId }));
  const issue = useMutation(
    trpc.systems.issueKey.mutationOptions({
      onSuccess: async (result) => {
        setIssued({ key: result.key, prefix: result.prefix });
        setLabel("");
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.systems.revokeKey.mutationOptions({
      onSuccess: async () => {
        toast(`Key ${revoking?.prefix ?? ""}… revoked; requests with it are refused from now on`, "success");
        setRevoking(null);
        await refresh();
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = issueKeyInputSchema.safeParse({ systemId, label });
    if (!parsed.success) {
      setLabelIssue(zodIssuesByPath(parsed.error.issues).label);
      return;
    }
    setLabelIssue(undefined);
    issue.mutate(parsed.data);
  };

  return (
    <div className="stack">
      <form className="inline-form" onSubmit={submit} noValidate>
        <FormField label="Key label" error={labelIssue ?? (issue.isError ? (issuesByPath(issue.error).label ?? errorMessage(issue.error)) : undefined)} hint="Where the key will live, e.g. production gateway.">
          <input className="input" value={label} onChange={(e) => setLabel(e.target.value)} />
        </FormField>
        <Button type="submit" variant="primary" disabled={issue.isPending}>
          {issue.isPending ? "Issuing…" : "Issue API key"}
        </Button>
      </form>
      {keys.isPending ? (
        <Skeleton lines={3} label="Loading API keys…" />
      ) : keys.isError ? (
        <StateMessage tone="error" title="API keys could not be loaded">
          {errorMessage(keys.error)}
        </StateMessage>
      ) : keys.data.length === 0 ? (
        <StateMessage title="No API keys yet">The AI system needs a key to post escalations to POST /api/v1/escalations.</StateMessage>
      ) : (
        <Table aria-label="API keys">
          <thead>
            <tr>
              <Th>Label</Th>
              <Th>Prefix</Th>
              <Th num>Created</Th>
              <Th>Status</Th>
              <Th>
                <span className="visually-hidden">Action</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <Td>{key.label}</Td>
                <Td className="mono">{key.prefix}…</Td>
                <Td num>
                  <RelativeTime at={key.createdAt} now={now} />
                </Td>
                <Td>
                  {key.revokedAt ? (
                    <span>
                      <Badge tone="danger">revoked</Badge> <RelativeTime at={key.revokedAt} now={now} />
                    </span>
                  ) : (
                    <Badge tone="success">active</Badge>
                  )}
                </Td>
                <Td className="cell-action">
                  {key.revokedAt ? null : (
                    <Button size="sm" variant="danger" onClick={() => { revoke.reset(); setRevoking(key); }} aria-label={`Revoke key ${key.prefix}`}>
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <SecretDialog open={issued !== null} onOpenChange={(open) => !open && setIssued(null)} title="New API key" secretLabel="API key" secret={issued?.key ?? ""}>
        <p className="muted">
          Send it as <code>Authorization: Bearer …</code> from the <code>{systemSlug}</code> system when it posts to <code>/api/v1/escalations</code>.
        </p>
      </SecretDialog>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke key ${revoking?.prefix ?? ""}…?`}
        description="Every request with this key is refused from now on. This cannot be undone; the AI system will need a new key."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ keyId: revoking.id })}
      />
    </div>
  );
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useNow } from "../../../hooks/use-now";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { SystemForm } from "./system-form";

/** Every registered AI system, and "New AI system". */
export function SystemsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const now = useNow(30_000);
  const [creating, setCreating] = useState(false);
  const systems = useQuery(trpc.systems.list.queryOptions());
  const create = useMutation(
    trpc.systems.create.mutationOptions({
      onSuccess: async (system) => {
        await queryClient.invalidateQueries(trpc.systems.list.pathFilter());
        setCreating(false);
        toast(`AI system "${system.name}" registered`, "success");
        await navigate(`/admin/systems/${system.id}`);
      },
    }),
  );

  return (
    <section aria-labelledby="systems-title">
      <div className="page-head">
        <div>
          <h1 id="systems-title" className="page-title">
            AI systems
          </h1>
          <p className="page-sub">Each production AI use case, its oversight mode and review policy, and its API keys.</p>
        </div>
        <Button variant="primary" onClick={() => { create.reset(); setCreating(true); }}>
          New AI system
        </Button>
      </div>
      {systems.isPending ? (
        <Skeleton lines={5} label="Loading AI systems…" />
      ) : systems.isError ? (
        <StateMessage tone="error" title="AI systems could not be loaded">
          {errorMessage(systems.error)}
        </StateMessage>
      ) : systems.data.length === 0 ? (
        <StateMessage title="No AI systems yet" action={<Button onClick={() => setCreating(true)}>New AI system</Button>}>
          Register an AI system, then issue it an API key so it can post escalations.
        </StateMessage>
      ) : (
        <Table aria-label="AI systems">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Slug</Th>
              <Th>Mode</Th>
              <Th num>Checklist</Th>
              <Th num>Min. rationale</Th>
              <Th num>Min. dwell</Th>
              <Th num>Lease</Th>
              <Th num>Created</Th>
            </tr>
          </thead>
          <tbody>
            {systems.data.map((s) => (
              <tr key={s.id}>
                <Td>
                  <Link to={`/admin/systems/${s.id}`}>{s.name}</Link>
                </Td>
                <Td className="mono">{s.slug}</Td>
                <Td>
                  <Badge>{s.oversightMode}</Badge>
                </Td>
                <Td num>{s.policy.checklist.length} items</Td>
                <Td num>{s.policy.minRationaleChars} chars</Td>
                <Td num>{s.policy.minDwellSeconds} s</Td>
                <Td num>{s.policy.leaseMinutes} min</Td>
                <Td num>
                  <RelativeTime at={s.createdAt} now={now} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Dialog open={creating} onOpenChange={setCreating} title="New AI system" description="The review policy starts from the defaults; edit it after creating the system.">
        <SystemForm
          mode="create"
          initial={{ slug: "", name: "", description: "", oversightMode: "HOTL" }}
          serverIssues={create.isError ? issuesByPath(create.error) : {}}
          formError={create.isError ? errorMessage(create.error) : null}
          pending={create.isPending}
          submitLabel="Create AI system"
          onSubmit={(fields) => create.mutate(fields)}
        />
      </Dialog>
    </section>
  );
}

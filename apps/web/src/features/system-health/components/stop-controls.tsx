import { hasPermission } from "@countersign/shared/permissions";
import { haltInputSchema } from "@countersign/shared/operations";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { useToast } from "../../../components/ui/toast";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import type { SystemRow } from "../hooks/use-systems";

type Props = { system: Pick<SystemRow, "id" | "name" | "slug" | "state"> };

/**
 * The stop button (EU AI Act Art. 14(4)(e)): "Halt system" or "Resume system", each asking
 * for a reason in a dialog, shown only to those with stop authority for this system (admins and
 * holders of a qualification granting stop). The server checks it again, and writes the change
 * and its audit entry together.
 */
export function StopControls({ system }: Props) {
  const trpc = useTRPC();
  const { data: user } = useCurrentUser();
  const authority = useQuery(
    trpc.systems.stopAuthority.queryOptions({ systemId: system.id }, { staleTime: 60_000, enabled: hasPermission(user, "stopSystems") }),
  );
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [issue, setIssue] = useState<string | undefined>();
  const halting = system.state === "active";
  const options = {
    onSuccess: async (result: { state: "active" | "halted" }) => {
      setOpen(false);
      setReason("");
      toast(result.state === "halted" ? `${system.name} is halted; the AI system sees it at its next poll` : `${system.name} is active again`, "success");
      await queryClient.invalidateQueries(trpc.systems.pathFilter());
      await queryClient.invalidateQueries(trpc.readiness.pathFilter());
    },
  };
  const halt = useMutation(trpc.systems.halt.mutationOptions(options));
  const resume = useMutation(trpc.systems.resume.mutationOptions(options));
  const change = halting ? halt : resume;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = haltInputSchema.safeParse({ systemId: system.id, reason });
    if (!parsed.success) {
      setIssue(zodIssuesByPath(parsed.error.issues).reason);
      return;
    }
    setIssue(undefined);
    change.mutate(parsed.data);
  };
  const serverIssue = change.isError ? issuesByPath(change.error).reason : undefined;
  const verb = halting ? "Halt" : "Resume";
  if (!authority.data?.allowed) return null;

  return (
    <>
      <Button
        variant={halting ? "danger" : "primary"}
        onClick={() => {
          halt.reset();
          resume.reset();
          setIssue(undefined);
          setOpen(true);
        }}
      >
        {verb} system
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`${verb} ${system.name}?`}
        description={
          halting
            ? `From now on GET /api/v1/system tells ${system.slug} it is halted, and everyone who works on it sees who halted it, when and why. Countersign still accepts its escalations meanwhile.`
            : `GET /api/v1/system tells ${system.slug} it may run again. Say what was checked or fixed.`
        }
        footer={
          <Button type="submit" form="stop-form" variant={halting ? "danger" : "primary"} disabled={change.isPending}>
            {change.isPending ? "Working…" : `${verb} now`}
          </Button>
        }
      >
        <form id="stop-form" className="form" onSubmit={submit} noValidate>
          <FormField
            label="Reason"
            error={issue ?? serverIssue}
            hint="Required, at least 5 characters. Written to the audit log and shown to everyone who works on this system."
          >
            <textarea className="textarea" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </FormField>
          {change.isError && !serverIssue ? (
            <p className="form-error" role="alert">
              {errorMessage(change.error)}
            </p>
          ) : null}
        </form>
      </Dialog>
    </>
  );
}

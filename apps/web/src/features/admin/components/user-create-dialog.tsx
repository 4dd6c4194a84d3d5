import { createUserInputSchema } from "@countersign/shared/admin";
import { roles as allRoles, type Role } from "@countersign/shared/enums";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { FormField } from "../../../components/ui/form-field";
import { errorMessage, issuesByPath, zodIssuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { FormIssues } from "./form-issues";
import { SecretDialog } from "./secret-dialog";

const roleText: Record<Role, string> = {
  reviewer: "reviewer — works the queue and decides",
  lead: "lead — queue health, reviewer indicators",
  auditor: "auditor — read-only trail and proof",
  admin: "admin — AI systems, keys and users",
};

/** Create a user; their one-time password is shown once. */
export function UserCreateDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["reviewer"]);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (user) => {
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
        onOpenChange(false);
        setCreated({ email: user.email, password: user.password });
        setEmail("");
        setName("");
        setRoles(["reviewer"]);
      },
    }),
  );
  const shown = { ...issues, ...(create.isError ? issuesByPath(create.error) : {}) };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserInputSchema.safeParse({ email, name, roles });
    if (!parsed.success) {
      setIssues(zodIssuesByPath(parsed.error.issues));
      return;
    }
    setIssues({});
    create.mutate(parsed.data);
  };

  return (
    <>
      <Dialog open={open} onOpenChange={(next) => { if (!next) create.reset(); onOpenChange(next); }} title="New user" description="Countersign generates a one-time password; give it to the person through a safe channel.">
        <form className="form" onSubmit={submit} noValidate>
          <FormField label="Email" error={shown.email}>
            <input className="input" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          </FormField>
          <FormField label="Name" error={shown.name}>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </FormField>
          <fieldset className="field">
            <legend className="field-label">Roles</legend>
            <div className="choice-list">
              {allRoles.map((role) => (
                <label key={role} className="choice">
                  <input
                    type="checkbox"
                    checked={roles.includes(role)}
                    onChange={(e) => setRoles((list) => (e.target.checked ? [...list, role] : list.filter((r) => r !== role)))}
                  />
                  <span>{roleText[role]}</span>
                </label>
              ))}
            </div>
            {shown.roles ? <div className="field-error">{shown.roles}</div> : null}
          </fieldset>
          <FormIssues issues={shown} placed={(path) => ["email", "name", "roles"].includes(path)} formError={create.isError ? errorMessage(create.error) : null} />
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create user"}
            </Button>
          </div>
        </form>
      </Dialog>
      <SecretDialog
        open={created !== null}
        onOpenChange={(next) => !next && setCreated(null)}
        title={`One-time password for ${created?.email ?? ""}`}
        secretLabel="One-time password"
        secret={created?.password ?? ""}
      />
    </>
  );
}

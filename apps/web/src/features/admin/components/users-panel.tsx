import { rolesSchema } from "@countersign/shared/admin";
import { roles as allRoles, type Role } from "@countersign/shared/enums";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useCurrentUser } from "../../../hooks/use-current-user";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { UserCreateDialog } from "./user-create-dialog";

type User = RouterOutputs["users"]["list"][number];

/** Users: list, create (one-time password), roles by checkbox, deactivate. */
export function UsersPanel() {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="users-title">
      <div className="page-head">
        <div>
          <h1 id="users-title" className="page-title">
            Users
          </h1>
          <p className="page-sub">Who may review, lead, audit or administer. Every change is written to the audit log.</p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New user
        </Button>
      </div>
      {users.isPending ? (
        <Skeleton lines={5} label="Loading users…" />
      ) : users.isError ? (
        <StateMessage tone="error" title="Users could not be loaded">
          {errorMessage(users.error)}
        </StateMessage>
      ) : (
        <Table aria-label="Users">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Roles</Th>
              <Th>Signs in with</Th>
              <Th>Status</Th>
              <Th>
                <span className="visually-hidden">Action</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow key={user.id} user={user} />
            ))}
          </tbody>
        </Table>
      )}
      <UserCreateDialog open={creating} onOpenChange={setCreating} />
    </section>
  );
}

function UserRow({ user }: { user: User }) {
  const trpc = useTRPC();
  // The server refuses both anyway; the row says so before anyone tries.
  const isSelf = useCurrentUser().data?.id === user.id;
  const [grantingAdmin, setGrantingAdmin] = useState<Role[] | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [roleIssue, setRoleIssue] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.users.list.pathFilter());
  const setRoles = useMutation(
    trpc.users.setRoles.mutationOptions({
      onSuccess: async () => {
        setGrantingAdmin(null);
        toast(`Roles of ${user.name} updated`, "success");
        await refresh();
      },
      onError: (error) => {
        setGrantingAdmin(null);
        setRoleIssue(issuesByPath(error).roles ?? errorMessage(error));
      },
    }),
  );
  const setActive = useMutation(
    trpc.users.setActive.mutationOptions({
      onSuccess: async (_, input) => {
        setConfirming(false);
        toast(`${user.name} ${input.active ? "reactivated" : "deactivated"}`, "success");
        await refresh();
      },
    }),
  );

  const toggleRole = (role: Role, on: boolean) => {
    const next = on ? [...user.roles, role] : user.roles.filter((r) => r !== role);
    const parsed = rolesSchema.safeParse(next);
    if (!parsed.success) {
      setRoleIssue(parsed.error.issues[0]?.message ?? "roles are not valid");
      return;
    }
    setRoleIssue(null);
    // Admin is the power to grant every other power: it is never one click away.
    if (role === "admin" && on) setGrantingAdmin(parsed.data);
    else setRoles.mutate({ userId: user.id, roles: parsed.data });
  };

  return (
    <tr className={user.active ? undefined : "is-inactive"}>
      <Td>{user.name}</Td>
      <Td className="mono">{user.email}</Td>
      <Td>
        <fieldset className="role-boxes" aria-describedby={roleIssue ? `roles-${user.id}-error` : undefined}>
          <legend className="visually-hidden">Roles of {user.name}</legend>
          {allRoles.map((role) => (
            <label key={role} className="role-box">
              <input
                type="checkbox"
                checked={user.roles.includes(role)}
                disabled={setRoles.isPending || (isSelf && role === "admin")}
                aria-describedby={isSelf && role === "admin" ? `self-admin-${user.id}` : undefined}
                onChange={(e) => toggleRole(role, e.target.checked)}
              />
              {role}
            </label>
          ))}
        </fieldset>
        {isSelf ? (
          <span className="self-note" id={`self-admin-${user.id}`}>
            You cannot remove your own admin role; another admin can.
          </span>
        ) : null}
        {roleIssue ? (
          <div className="field-error" id={`roles-${user.id}-error`} role="alert">
            {roleIssue}
          </div>
        ) : null}
      </Td>
      <Td>
        {user.signsInWith === "sso" ? (
          <Badge tone="accent" title="Single sign-on through the company's identity provider; where roles are mapped, they follow its groups at each sign-in">
            SSO
          </Badge>
        ) : (
          <Badge tone="neutral">password</Badge>
        )}
      </Td>
      <Td>{user.active ? <Badge tone="success">active</Badge> : <Badge tone="danger">deactivated</Badge>}</Td>
      <Td className="cell-action">
        {user.active && isSelf ? (
          <span className="self-note">You cannot deactivate yourself.</span>
        ) : user.active ? (
          <Button size="sm" variant="danger" onClick={() => { setActive.reset(); setConfirming(true); }} aria-label={`Deactivate ${user.name}`}>
            Deactivate
          </Button>
        ) : (
          <Button size="sm" onClick={() => setActive.mutate({ userId: user.id, active: true })} aria-label={`Reactivate ${user.name}`}>
            Reactivate
          </Button>
        )}
        {!confirming && setActive.isError ? <div className="field-error">{errorMessage(setActive.error)}</div> : null}
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={`Deactivate ${user.name}?`}
          description="They are signed out at their next request and cannot sign in until an admin reactivates them. Their past decisions stay in the record."
          confirmLabel="Deactivate"
          pending={setActive.isPending}
          error={setActive.isError ? (issuesByPath(setActive.error).active ?? errorMessage(setActive.error)) : null}
          onConfirm={() => setActive.mutate({ userId: user.id, active: false })}
        />
        <ConfirmDialog
          open={grantingAdmin !== null}
          onOpenChange={(open) => !open && setGrantingAdmin(null)}
          title={`Make ${user.name} an admin?`}
          description="An admin can register AI systems, issue and revoke API keys, and give anyone any role, including admin. The change is written to the audit log."
          confirmLabel="Make admin"
          pending={setRoles.isPending}
          onConfirm={() => grantingAdmin && setRoles.mutate({ userId: user.id, roles: grantingAdmin })}
        />
      </Td>
    </tr>
  );
}

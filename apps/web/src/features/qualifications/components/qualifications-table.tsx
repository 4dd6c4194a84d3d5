import type { QualificationStatus } from "@countersign/shared/qualifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ReasonDialog } from "../../../components/ui/reason-dialog";
import { Table, Td, Th } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { formatDate, formatDateTime } from "@countersign/shared/format";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { statusWords } from "../utils/qualification-draft";

export type Qualification = RouterOutputs["qualifications"]["list"][number];

const statusTone: Record<QualificationStatus, BadgeTone> = { in_force: "success", expired: "warning", revoked: "danger", not_yet_valid: "neutral" };

export function QualificationStatusBadge({ q }: { q: Qualification }) {
  const title = q.status === "revoked" ? `revoked${q.revokedByName ? ` by ${q.revokedByName}` : ""}: ${q.revokeReason ?? ""}` : undefined;
  return (
    <Badge tone={statusTone[q.status]} title={title}>
      {statusWords[q.status]}
    </Badge>
  );
}

type Props = { qualifications: Qualification[]; label: string; show: "reviewer" | "system"; canRevoke: boolean };

/** Qualifications as a table: training, validity, authority, status; revoke with a required reason. */
export function QualificationsTable({ qualifications, label, show, canRevoke }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [revoking, setRevoking] = useState<Qualification | null>(null);
  const revoke = useMutation(
    trpc.qualifications.revoke.mutationOptions({
      onSuccess: async () => {
        toast(`Qualification of ${revoking?.userName ?? "the reviewer"} revoked; their claims on ${revoking?.systemName ?? "this system"} stop now`, "success");
        setRevoking(null);
        await queryClient.invalidateQueries(trpc.qualifications.list.pathFilter());
      },
    }),
  );
  return (
    <>
      <Table aria-label={label}>
        <thead>
          <tr>
            <Th>{show === "reviewer" ? "Reviewer" : "AI system"}</Th>
            <Th>Training</Th>
            <Th>Obtained</Th>
            <Th>Expires</Th>
            <Th>Authority</Th>
            <Th>Status</Th>
            {canRevoke ? (
              <Th>
                <span className="visually-hidden">Action</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {qualifications.map((q) => (
            <tr key={q.id} className={q.status === "in_force" ? undefined : "is-inactive"}>
              <Td>
                {show === "reviewer" ? q.userName : <Link to={`/admin/systems/${q.systemId}`}>{q.systemName}</Link>}
                <span className="cell-sub">{show === "reviewer" ? q.userEmail : q.systemSlug}</span>
              </Td>
              <Td className="qualification-training">{q.training}</Td>
              <Td>
                <time dateTime={new Date(q.obtainedAt).toISOString()} title={formatDateTime(q.obtainedAt)}>
                  {formatDate(q.obtainedAt)}
                </time>
              </Td>
              <Td>
                <time dateTime={new Date(q.expiresAt).toISOString()} title={formatDateTime(q.expiresAt)}>
                  {formatDate(q.expiresAt)}
                </time>
              </Td>
              <Td>{q.authority.join(", ")}</Td>
              <Td>
                <QualificationStatusBadge q={q} />
                {q.status === "revoked" && q.revokeReason ? <span className="cell-sub">{q.revokeReason}</span> : null}
              </Td>
              {canRevoke ? (
                <Td className="cell-action">
                  {q.status !== "revoked" ? (
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Revoke the qualification of ${q.userName}`}
                      onClick={() => {
                        revoke.reset();
                        setRevoking(q);
                      }}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </Td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {canRevoke ? (
        <ReasonDialog
          open={revoking !== null}
          onOpenChange={(open) => !open && setRevoking(null)}
          title={`Revoke the qualification of ${revoking?.userName ?? ""}?`}
          description={`They can no longer claim or decide escalations of ${revoking?.systemName ?? "this AI system"} under it. Their past verifications keep naming it. This cannot be undone; grant a new qualification instead.`}
          confirmLabel="Revoke qualification"
          minLength={5}
          pending={revoke.isPending}
          error={revoke.isError ? (issuesByPath(revoke.error).reason ?? errorMessage(revoke.error)) : null}
          onConfirm={(reason) => revoking && revoke.mutate({ qualificationId: revoking.id, reason })}
        />
      ) : null}
    </>
  );
}

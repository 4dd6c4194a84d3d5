import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Collapsible } from "../../../components/ui/collapsible";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { GrantQualificationForm } from "./grant-qualification-form";
import { QualificationsTable } from "./qualifications-table";

/** Who may review one AI system: the reviewers' qualifications (training, validity, authority), grant and revoke. */
export function QualificationsPanel({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.qualifications.list.queryOptions({ systemId, includeInactive: true }));
  const [granting, setGranting] = useState(false);
  const inForce = list.data?.filter((q) => q.status === "in_force").length ?? 0;
  return (
    <div className="stack qualifications-panel">
      <p className="qualifications-intro">
        Only reviewers with a qualification in force for this AI system can claim and decide its escalations (EU AI Act Art. 26(2): competence,
        training and authority). Each verification records the qualification it was made under. Revoking keeps the record: past verifications
        still name it.
      </p>
      {list.isPending ? (
        <Skeleton lines={4} label="Loading qualifications…" />
      ) : list.isError ? (
        <StateMessage tone="error" title="Qualifications could not be loaded">
          {errorMessage(list.error)}
        </StateMessage>
      ) : list.data.length === 0 ? (
        <StateMessage title="Nobody is qualified for this AI system yet">
          Until a reviewer is granted a qualification below, nobody can claim its escalations: they wait in the queue.
        </StateMessage>
      ) : (
        <>
          <p className="muted">
            {inForce} of {list.data.length} qualification{list.data.length === 1 ? "" : "s"} in force.
          </p>
          <QualificationsTable qualifications={list.data} label="Qualifications for this AI system" show="reviewer" canRevoke />
        </>
      )}
      <Collapsible open={granting} onOpenChange={setGranting} trigger="Grant a qualification">
        <GrantQualificationForm systemId={systemId} />
      </Collapsible>
    </div>
  );
}

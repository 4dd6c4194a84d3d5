import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { QualificationsTable } from "./qualifications-table";

/** Every reviewer's qualifications across AI systems, grouped by reviewer; granted and revoked on each system's page. */
export function ReviewerQualifications() {
  const trpc = useTRPC();
  const list = useQuery(trpc.qualifications.list.queryOptions({ includeInactive: true }));
  const byReviewer = new Map<string, NonNullable<typeof list.data>>();
  for (const q of list.data ?? []) byReviewer.set(q.userId, [...(byReviewer.get(q.userId) ?? []), q]);
  return (
    <section className="stack" aria-labelledby="reviewer-qualifications-title">
      <div>
        <h2 id="reviewer-qualifications-title" className="card-title">
          Reviewer qualifications
        </h2>
        <p className="page-sub">
          Per reviewer and AI system. Grant and revoke them on the system&apos;s Qualifications tab under <Link to="/admin/systems">AI systems</Link>.
        </p>
      </div>
      {list.isPending ? (
        <Skeleton lines={4} label="Loading qualifications…" />
      ) : list.isError ? (
        <StateMessage tone="error" title="Qualifications could not be loaded">
          {errorMessage(list.error)}
        </StateMessage>
      ) : byReviewer.size === 0 ? (
        <StateMessage title="No reviewer is qualified for any AI system yet">Without a qualification in force, a reviewer cannot claim escalations.</StateMessage>
      ) : (
        [...byReviewer.values()].map((qualifications) => (
          <div key={qualifications[0]!.userId} className="stack-tight">
            <h3 className="reviewer-name">
              {qualifications[0]!.userName} <span className="muted">{qualifications[0]!.userEmail}</span>
            </h3>
            <QualificationsTable qualifications={qualifications} label={`Qualifications of ${qualifications[0]!.userName}`} show="system" canRevoke={false} />
          </div>
        ))
      )}
    </section>
  );
}

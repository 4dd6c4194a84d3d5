import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { DueTime } from "../../../components/ui/due-time";
import { useNow } from "../../../hooks/use-now";
import { useTRPC } from "../../../lib/trpc";

/** The next readiness review from the cadence, flagged when one is overdue, with a link to the review page. */
export function ReadinessDue({ systemId }: { systemId: string }) {
  const trpc = useTRPC();
  const now = useNow(60_000);
  const overview = useQuery(trpc.readiness.overview.queryOptions({ systemId }, { staleTime: 60_000 }));
  const cadence = overview.data?.operatingModel.cadence;
  const next = cadence?.next;
  return (
    <p className="readiness-due">
      <Link to={`/systems/${systemId}/readiness`}>Readiness review</Link>
      {cadence ? (
        <>
          {" · "}
          {cadence.overdue && !next?.overdue ? <Badge tone="danger">review overdue</Badge> : null}{" "}
          {next ? (
            <>
              next: {next.label}
              {next.dueAt ? (
                <>
                  , <DueTime at={next.dueAt} now={now} label />
                </>
              ) : (
                " (set a go-live date to schedule the rest)"
              )}
            </>
          ) : (
            "every step of the cadence is reviewed"
          )}
        </>
      ) : null}
    </p>
  );
}

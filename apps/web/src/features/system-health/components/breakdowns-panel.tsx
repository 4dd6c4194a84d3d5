import { useQuery } from "@tanstack/react-query";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { BreakdownTable } from "./breakdown-table";

type Props = { input: { systemId: string; granularity: "day" | "week" | "month"; from: string }; slug: string; currency: string | null };

/** Which triggers and which model versions drive the rate, and whether reviewers override them. */
export function BreakdownsPanel({ input, slug, currency }: Props) {
  const trpc = useTRPC();
  const breakdowns = useQuery(trpc.metrics.breakdowns.queryOptions(input, { placeholderData: (prev) => prev }));
  return (
    <section className="stack" aria-labelledby="breakdowns-title">
      <div>
        <h2 id="breakdowns-title" className="section-title">
          What drives the rate
        </h2>
        <p className="section-sub">
          Escalations received in the window, and how reviewers decided on them. A trigger whose escalations are nearly always approved costs
          reviews and catches little. Gold items are left out.
        </p>
      </div>
      {breakdowns.isPending ? (
        <Skeleton lines={4} label="Loading the breakdowns…" />
      ) : breakdowns.isError ? (
        <StateMessage tone="error" title="The breakdowns could not be loaded">
          {errorMessage(breakdowns.error)}
        </StateMessage>
      ) : (
        <div className="breakdowns">
          <div className="stack">
            <h3 className="subsection-title">By escalation reason</h3>
            <BreakdownTable by="reason" entries={breakdowns.data.byReason} slug={slug} currency={currency} />
          </div>
          <div className="stack">
            <h3 className="subsection-title">By model version</h3>
            <BreakdownTable by="model" entries={breakdowns.data.byModel} slug={slug} currency={currency} />
          </div>
        </div>
      )}
    </section>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { errorMessage } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { CostChart } from "./cost-chart";
import { CostFigures } from "./cost-figures";
import { GatewayDifference } from "./gateway-difference";
import { RateChart } from "./rate-chart";
import { RateTable } from "./rate-table";

type Props = { input: { systemId: string; granularity: "day" | "week" | "month"; from: string }; slug: string; canSetBusinessCase: boolean; systemId: string };

/** The business case against production over the chosen window: headline figures, trends, the figures per bucket. */
export function TrendPanel({ input, slug, canSetBusinessCase, systemId }: Props) {
  const trpc = useTRPC();
  // Keep the last figures on screen while a new window loads.
  const rates = useQuery(trpc.metrics.rates.queryOptions(input, { placeholderData: (prev) => prev }));
  const cost = useQuery(trpc.metrics.cost.queryOptions(input, { placeholderData: (prev) => prev }));
  if (rates.isPending || cost.isPending) return <Skeleton lines={8} label="Loading the figures…" />;
  if (rates.isError || cost.isError) {
    return (
      <StateMessage tone="error" title="The figures could not be loaded">
        {errorMessage(rates.error ?? cost.error)}
      </StateMessage>
    );
  }
  return (
    <section className="stack" aria-labelledby="trend-title" aria-busy={rates.isFetching || cost.isFetching}>
      <h2 id="trend-title" className="section-title">
        The business case against production
      </h2>
      {cost.data ? (
        <CostFigures cost={cost.data} slug={slug} />
      ) : (
        <StateMessage
          tone="info"
          title="No business case yet"
          action={canSetBusinessCase ? <Link to={`/admin/systems/${systemId}`}>Set the business case</Link> : null}
        >
          Without one, the measured rate has nothing to be held against: no cost per item, no drift alert. An admin sets it on the AI system's
          admin page, under Business case.
        </StateMessage>
      )}
      <div className="oversight-charts">
        <RateChart rates={rates.data} />
        {cost.data ? <CostChart rates={rates.data} cost={cost.data} /> : null}
      </div>
      <RateTable rates={rates.data} currency={cost.data?.currency ?? null} />
      <GatewayDifference rates={rates.data} />
    </section>
  );
}

import { Link } from "react-router";
import { Kpi, KpiList } from "../../../components/ui/kpi";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatRate } from "../utils/format";
import { formatCount, formatDuration, formatMoney, formatPercent, formatPercentRange } from "@countersign/shared/format";
import { queueLink } from "../utils/links";

export type CostFiguresData = NonNullable<RouterOutputs["metrics"]["cost"]>;

/** The headline figures for the window: assumed vs measured rate, and what an item costs at each. */
export function CostFigures({ cost, slug }: { cost: CostFiguresData; slug: string }) {
  const { currency } = cost;
  const outside = cost.withinTolerance === false;
  const losing = cost.savingPerItem !== null && cost.savingPerItem < 0;
  return (
    <KpiList label="The business case against production in this window">
      <Kpi label="Assumed verification rate" sub={`tolerance ± ${formatPercent(cost.tolerance)}, from the business case`}>
        {formatPercent(cost.assumedRate)}
      </Kpi>
      <Kpi
        label="Measured verification rate"
        tone={outside || cost.exceedsReported ? "danger" : "neutral"}
        sub={
          cost.exceedsReported ? (
            <a href="#conflicts">
              layer conflict: received {formatCount(cost.received)}, the AI system reported {formatCount(cost.total)} outputs
            </a>
          ) : cost.measuredRate === null ? (
            "no volume reported in this window"
          ) : (
            <>
              95% interval {formatPercentRange(cost.interval)} ·{" "}
              <a href="#rate-figures">
                {formatCount(cost.received)} escalations of {formatCount(cost.total)} outputs
              </a>
              {outside ? " · outside the tolerance" : null}
            </>
          )
        }
      >
        {formatRate({ rate: cost.measuredRate, exceedsReported: cost.exceedsReported })}
      </Kpi>
      <Kpi
        label="Cost per item at the measured rate"
        tone={losing ? "danger" : "neutral"}
        sub={
          cost.costAtMeasuredRate === null ? (
            cost.reviewCost.perItem === null ? "needs a measured review time" : "needs reported volume"
          ) : (
            <>
              {cost.costRange ? `${formatMoney(cost.costRange.low, currency)}–${formatMoney(cost.costRange.high, currency)} over the interval · ` : null}
              {losing
                ? `${formatMoney(-cost.savingPerItem!, currency)} more than by hand`
                : `saves ${formatMoney(cost.savingPerItem, currency)} per item`}
            </>
          )
        }
      >
        {formatMoney(cost.costAtMeasuredRate, currency)}
      </Kpi>
      <Kpi label="Cost per item in the business case" sub={`at the assumed ${formatPercent(cost.assumedRate)}; AI cost ${formatMoney(cost.aiCostPerItem, currency)}`}>
        {formatMoney(cost.costAtAssumedRate, currency)}
      </Kpi>
      <Kpi label="Manual cost per item" sub="the process without the AI system">
        {formatMoney(cost.manualCostPerItem, currency)}
      </Kpi>
      <Kpi
        label="Break-even verification rate"
        sub={
          cost.breakEvenRate === null
            ? "needs a review cost"
            : cost.breakEvenRate >= 1
              ? "no rate makes the AI system cost more than by hand"
              : "above this, an item costs more than doing it by hand"
        }
      >
        {cost.breakEvenRate === null ? "—" : cost.breakEvenRate >= 1 ? "none" : formatPercent(cost.breakEvenRate)}
      </Kpi>
      <Kpi label="Review cost per escalation" sub={<ReviewCostBasis cost={cost} slug={slug} />}>
        {formatMoney(cost.reviewCost.perItem, currency)}
      </Kpi>
      <Kpi
        label="Effective verification rate"
        sub={
          cost.effective?.effectiveRate == null
            ? "needs decided gold items in this window: how much of the oversight catches errors"
            : `reviewed ${formatPercent(cost.effective.reviewedShare)} × gold caught ${formatPercent(cost.effective.goldCatchRate)} (${formatCount(cost.effective.goldDecisions)} gold decisions) · 95% interval ${formatPercentRange(cost.effective.interval)}`
        }
      >
        {formatPercent(cost.effective?.effectiveRate ?? null)}
      </Kpi>
    </KpiList>
  );
}

/** Where the review cost comes from: a fixed amount, or the measured active time × the hourly rate. */
function ReviewCostBasis({ cost, slug }: { cost: CostFiguresData; slug: string }) {
  const review = cost.reviewCost;
  const decisions = (
    <Link to={queueLink({ system: slug, status: "decided" })}>
      {formatCount(review.decisions)} {review.decisions === 1 ? "decision" : "decisions"}
    </Link>
  );
  if (review.basis === "per_item") {
    return (
      <>
        fixed per review in the business case; measured median active time {formatDuration(review.medianActiveSeconds)} over {decisions}
      </>
    );
  }
  if (review.medianActiveSeconds === null) {
    return <>{formatMoney(review.hourlyRate, cost.currency)} per hour × active time: no decision measured in this window yet</>;
  }
  return (
    <>
      median active time {formatDuration(review.medianActiveSeconds)} over {decisions} × {formatMoney(review.hourlyRate, cost.currency)} per
      hour
    </>
  );
}

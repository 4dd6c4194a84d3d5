import { Link } from "react-router";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatCount, formatMoney, formatPercent, formatPercentRange } from "@countersign/shared/format";
import { Fact, Facts, LayerCard } from "./layer-card";

type Strategy = RouterOutputs["readiness"]["overview"]["strategy"];

/** Strategy: does the business case still hold — the assumed against the measured rate, and what an item costs. */
export function StrategyLayer({ strategy, systemId }: { strategy: Strategy; systemId: string }) {
  const answer = !strategy.businessCase
    ? { text: "No business case", tone: "warning" as const }
    : strategy.holds === null
      ? { text: "Not known yet", tone: "neutral" as const }
      : strategy.holds
        ? { text: "Holds", tone: "success" as const }
        : { text: "Does not hold", tone: "danger" as const };
  const c = strategy.currency;
  return (
    <LayerCard id="strategy" layer="Strategy" question={strategy.question} answer={answer}>
      {strategy.businessCase ? (
        <Facts label="Strategy figures, last 30 days">
          <Fact label="Assumed verification rate">
            {formatPercent(strategy.assumedRate)} ± {formatPercent(strategy.tolerance)}
          </Fact>
          <Fact label="Measured verification rate">
            {strategy.exceedsReported ? (
              <>
                no rate: layer conflict{" "}
                <span className="muted">
                  (received {formatCount(strategy.received)}, the AI system reported {formatCount(strategy.reportedTotal)} outputs)
                </span>
              </>
            ) : (
              <>
                {formatPercent(strategy.measuredRate)}{" "}
                <span className="muted">
                  (95% interval {formatPercentRange(strategy.interval)}; {formatCount(strategy.reportedTotal)} outputs reported)
                </span>
              </>
            )}
          </Fact>
          <Fact label="Cost per item at the assumed rate">{formatMoney(strategy.costAtAssumedRate, c)}</Fact>
          <Fact label="Cost per item at the measured rate">{formatMoney(strategy.costAtMeasuredRate, c)}</Fact>
          <Fact label="Manual cost per item">{formatMoney(strategy.manualCostPerItem, c)}</Fact>
          <Fact label="Break-even verification rate">
            {strategy.breakEvenRate === null ? "—" : strategy.breakEvenRate >= 1 ? "none" : formatPercent(strategy.breakEvenRate)}
          </Fact>
        </Facts>
      ) : null}
      {strategy.businessCase && strategy.holdsReasons.length > 0 ? (
        <p className="muted">{strategy.holds === false ? "Does not hold: " : "Cannot tell yet: "}{strategy.holdsReasons.join("; ")}.</p>
      ) : null}
      {strategy.businessCase ? null : (
        <p className="muted">Without a business case there is nothing to hold the measured rate against. An admin sets one.</p>
      )}
      <p className="layer-link">
        <Link to={`/systems/${systemId}`}>The trend, the cost and what drives the rate</Link>
      </p>
    </LayerCard>
  );
}

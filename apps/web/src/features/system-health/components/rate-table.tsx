import { useState } from "react";
import { Collapsible } from "../../../components/ui/collapsible";
import { Table, Td, Th } from "../../../components/ui/table";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatRate } from "../utils/format";
import { formatCount, formatMoney, formatPercentRange } from "@countersign/shared/format";
import { bucketNoun } from "../utils/window";

type Rates = RouterOutputs["metrics"]["rates"];

/** The charts' figures as a table, bucket by bucket: the rows behind each point. */
export function RateTable({ rates, currency }: { rates: Rates; currency: string | null }) {
  const [open, setOpen] = useState(false);
  const noun = bucketNoun[rates.granularity];
  const gateway = rates.buckets.some((b) => b.gateway !== null);
  return (
    <div id="rate-figures">
      <Collapsible
        open={open}
        onOpenChange={setOpen}
        trigger={<span>Figures per {noun}</span>}
        aside={<span className="muted">{rates.buckets.length} with reported volume</span>}
      >
        {rates.buckets.length === 0 ? (
          <p className="muted">No volume was reported in this window: the AI system reports it to POST /api/v1/volume.</p>
        ) : (
          <Table aria-label={`Verification rate and cost per ${noun}`}>
            <thead>
              <tr>
                <Th>{noun[0]!.toUpperCase() + noun.slice(1)}</Th>
                <Th num>Periods reported</Th>
                <Th num>Outputs</Th>
                <Th num>Escalations received</Th>
                <Th num>Rate</Th>
                <Th num>95% interval</Th>
                <Th num>Cost per item</Th>
                {gateway ? <Th num>Gateway says escalated</Th> : null}
              </tr>
            </thead>
            <tbody>
              {rates.buckets.map((b) => (
                <tr key={b.bucket}>
                  <Td className="mono">{b.label}</Td>
                  <Td num>{formatCount(b.periods)}</Td>
                  <Td num>{formatCount(b.total)}</Td>
                  <Td num>{formatCount(b.received)}</Td>
                  <Td num>{formatRate(b)}</Td>
                  <Td num>{formatPercentRange(b.interval)}</Td>
                  <Td num>{formatMoney(b.costAtMeasuredRate, currency)}</Td>
                  {gateway ? <Td num>{b.gateway ? `${formatCount(b.gateway.escalated)} (we received ${formatCount(b.gateway.received)})` : "—"}</Td> : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Collapsible>
    </div>
  );
}

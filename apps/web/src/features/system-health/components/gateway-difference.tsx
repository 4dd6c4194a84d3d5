import { Table, Td, Th } from "../../../components/ui/table";
import { formatCount, formatDateTime } from "@countersign/shared/format";
import type { RouterOutputs } from "../../../lib/trpc";

type Rates = RouterOutputs["metrics"]["rates"];

/**
 * Where the gateway's own escalated count and what Countersign received disagree: the two
 * layers are not speaking the same language. Shown only where the gateway sent a count.
 */
export function GatewayDifference({ rates }: { rates: Rates }) {
  const periods = rates.gatewayDisagreements;
  if (periods.length === 0) return null;
  const gatewaySays = periods.reduce((sum, p) => sum + p.gatewayEscalated, 0);
  const received = periods.reduce((sum, p) => sum + p.received, 0);
  return (
    <section className="stack gateway-difference" aria-labelledby="gateway-title">
      <div>
        <h2 id="gateway-title" className="section-title">
          The two layers are not speaking the same language
        </h2>
        <p className="section-sub">
          In {formatCount(periods.length)} reported {periods.length === 1 ? "period" : "periods"} the gateway says it escalated{" "}
          {formatCount(gatewaySays)} outputs, and Countersign received {formatCount(received)}. Escalations lost on the way, or sent without
          being counted, both make the measured rate wrong. Who owns the handoff between them?
        </p>
      </div>
      <Table aria-label="Periods where the gateway and Countersign disagree">
        <thead>
          <tr>
            <Th>Period</Th>
            <Th num>Outputs</Th>
            <Th num>Gateway says escalated</Th>
            <Th num>Countersign received</Th>
            <Th num>Difference</Th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.id}>
              <Td>
                {formatDateTime(p.periodStart)} – {formatDateTime(p.periodEnd)}
              </Td>
              <Td num>{formatCount(p.total)}</Td>
              <Td num>{formatCount(p.gatewayEscalated)}</Td>
              <Td num>{formatCount(p.received)}</Td>
              <Td num>
                {p.difference > 0 ? "+" : ""}
                {formatCount(p.difference)}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

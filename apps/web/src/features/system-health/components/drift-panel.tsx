import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Skeleton } from "../../../components/ui/skeleton";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import { useNow } from "../../../hooks/use-now";
import { errorMessage } from "../../../lib/errors";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc";
import { formatRate } from "../utils/format";
import { formatCount, formatDuration, formatPercent } from "@countersign/shared/format";
import { queueLink } from "../utils/links";

type DriftStatus = RouterOutputs["metrics"]["alerts"];

/** The drift alert: the open one shown first and plainly, then the rolling window now, then the history. */
export function DriftPanel({ systemId, slug }: { systemId: string; slug: string }) {
  const trpc = useTRPC();
  const now = useNow(30_000);
  const drift = useQuery(trpc.metrics.alerts.queryOptions({ systemId }, { refetchInterval: 30_000 }));
  return (
    <section id="drift" className="stack" aria-labelledby="drift-title">
      <div>
        <h2 id="drift-title" className="section-title">
          Drift
        </h2>
        <p className="section-sub">A rolling window ending now, checked whenever volume arrives and on a timer; it does not follow the time range.</p>
      </div>
      {drift.isPending ? (
        <Skeleton lines={2} label="Loading the drift check…" />
      ) : drift.isError ? (
        <StateMessage tone="error" title="The drift check could not be loaded">
          {errorMessage(drift.error)}
        </StateMessage>
      ) : (
        <>
          {drift.data.open ? <OpenAlert alert={drift.data.open} current={drift.data.current} slug={slug} now={now} /> : <QuietWindow current={drift.data.current} />}
          {drift.data.alerts.length > 0 ? <AlertHistory alerts={drift.data.alerts} now={now} /> : null}
        </>
      )}
    </section>
  );
}

type OpenAlertProps = { alert: NonNullable<DriftStatus["open"]>; current: DriftStatus["current"]; slug: string; now: number };

/** The open alert: the rate now (the rolling window) first, and what it was when the alert was raised. */
function OpenAlert({ alert, current, slug, now }: OpenAlertProps) {
  const hours = current?.hours ?? null;
  const rateNow = current?.measuredRate ?? alert.measuredRate;
  const direction = rateNow > alert.assumedRate ? "above" : "below";
  const low = Math.max(0, alert.assumedRate - alert.tolerance);
  const high = Math.min(1, alert.assumedRate + alert.tolerance);
  return (
    <div className="drift-alert" role="alert" aria-labelledby="drift-alert-title">
      <p id="drift-alert-title" className="drift-alert-title">
        <Badge tone="danger">Drift alert</Badge> The verification rate has left the business case
      </p>
      <dl className="drift-figures">
        <div>
          <dt>Measured now</dt>
          <dd className="num">{current?.exceedsReported ? formatRate({ rate: null, exceedsReported: true }) : formatPercent(rateNow)}</dd>
        </div>
        <div>
          <dt>When raised</dt>
          <dd className="num">{formatPercent(alert.measuredRate)}</dd>
        </div>
        <div>
          <dt>Assumed</dt>
          <dd className="num">
            {formatPercent(alert.assumedRate)} ± {formatPercent(alert.tolerance)}
          </dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>
            {formatCount(current?.escalated ?? alert.windowEscalated)} escalations of {formatCount(current?.total ?? alert.windowTotal)} outputs
            {hours === null ? null : ` in the last ${formatDuration(hours * 3600)}`}
          </dd>
        </div>
        <div>
          <dt>Raised</dt>
          <dd>
            <RelativeTime at={alert.raisedAt} now={now} />
          </dd>
        </div>
      </dl>
      <p>
        {formatPercent(rateNow)} of outputs needed a human, {direction} the {formatPercent(low)}–{formatPercent(high)} the
        business case allows. Is the AI system escalating more than it was designed to, or
        was the assumption wrong? The alert clears by itself when the rate returns.{" "}
        <Link to={queueLink({ system: slug })}>Open escalations of this system</Link>
      </p>
    </div>
  );
}

function QuietWindow({ current }: { current: DriftStatus["current"] }) {
  if (!current) {
    return <p className="muted">Drift is not checked: this system has no business case to hold the rate against. An admin sets one.</p>;
  }
  const waiting = current.total < current.minSample;
  return (
    <p className="drift-quiet">
      <Badge tone={waiting ? "neutral" : "success"}>{waiting ? "Waiting for a sample" : "No drift alert"}</Badge>{" "}
      Over the last {current.hours} h: {formatRate({ rate: current.measuredRate, exceedsReported: current.exceedsReported })} ({formatCount(current.escalated)} escalations of{" "}
      {formatCount(current.total)} reported outputs) against {formatPercent(current.assumedRate)} ± {formatPercent(current.tolerance)}.
      {current.exceedsReported ? " More escalations arrived than outputs were reported: the check decides nothing until the counts agree (see the layer conflicts)." : null}
      {waiting ? ` The check decides once at least ${formatCount(current.minSample)} outputs are reported in the window.` : null}
    </p>
  );
}

function AlertHistory({ alerts, now }: { alerts: DriftStatus["alerts"]; now: number }) {
  return (
    <Table aria-label="Drift alert history">
      <thead>
        <tr>
          <Th>Raised</Th>
          <Th>Cleared</Th>
          <Th num>Measured when raised</Th>
          <Th num>Assumed</Th>
          <Th num>Window</Th>
          <Th num>Rate when cleared</Th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alert.id}>
            <Td>
              <RelativeTime at={alert.raisedAt} now={now} />
            </Td>
            <Td>{alert.clearedAt ? <RelativeTime at={alert.clearedAt} now={now} /> : <Badge tone="danger">open</Badge>}</Td>
            <Td num>{formatPercent(alert.measuredRate)}</Td>
            <Td num>
              {formatPercent(alert.assumedRate)} ± {formatPercent(alert.tolerance)}
            </Td>
            <Td num>
              {formatCount(alert.windowEscalated)} of {formatCount(alert.windowTotal)}
            </Td>
            <Td num>{formatPercent(alert.clearedRate)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

import { formatCount } from "@countersign/shared/format";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { RelativeTime } from "../../../components/ui/relative-time";
import { StateMessage } from "../../../components/ui/state-message";
import { Table, Td, Th } from "../../../components/ui/table";
import type { Dashboard } from "../api/indicators";
import { Panel } from "./panel";

type Props = { health: Dashboard["queueHealth"]; system: string | undefined; now: number };

const priorityTone: Record<string, BadgeTone> = { urgent: "danger", high: "warning" };

/** Backlog per system and priority, the oldest item, items past due, and leases that expired. */
export function QueueHealthPanel({ health, system, now }: Props) {
  // The server counts for the chosen system (figures.openItems); the panel only writes the counts down.
  const { backlog, open, pastDue, oldestReceivedAt: oldest } = health;
  const queueLink = (params: Record<string, string>) => `/queue?${new URLSearchParams(params).toString()}`;

  return (
    <Panel id="panel-queue" title="Queue health" description="What is waiting now, whatever the time range.">
      <dl className="stat-row">
        <div className="stat">
          <dt>In the queue</dt>
          <dd className="num">
            <Link to={queueLink(system ? { system } : {})} title={open.label}>
              {formatCount(open.inQueue)}
            </Link>
            <span className="stat-sub">
              {formatCount(open.escalations)} escalations, {formatCount(open.goldCopies)} gold {open.goldCopies === 1 ? "copy" : "copies"}
              {open.awaitingLead > 0 ? ` · ${formatCount(open.awaitingLead)} waiting for a lead` : null}
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Past due</dt>
          <dd className="num">{pastDue > 0 ? <Badge tone="danger">{formatCount(pastDue)} past due</Badge> : "0"}</dd>
        </div>
        <div className="stat">
          <dt>Oldest waiting</dt>
          <dd className="num">{oldest === null ? <span className="muted">nothing waiting</span> : <RelativeTime at={oldest} now={now} format="age" />}</dd>
        </div>
        <div className="stat">
          <dt>Expired leases</dt>
          <dd className="num">{formatCount(health.expiredLeases)}</dd>
        </div>
      </dl>
      {backlog.length === 0 ? (
        <StateMessage title="Nothing is waiting">Escalations appear here as AI systems send them, until a reviewer decides them.</StateMessage>
      ) : (
        <Table aria-label="Backlog by system and priority" className="backlog-table">
          <thead>
            <tr>
              <Th>System</Th>
              <Th>Priority</Th>
              <Th num>In the queue</Th>
              <Th num>Of which gold</Th>
              <Th num>In review</Th>
              <Th num>Past due</Th>
              <Th num>Oldest</Th>
            </tr>
          </thead>
          <tbody>
            {backlog.map((row) => (
              <tr key={`${row.system}-${row.priority}`}>
                <Td>{row.systemName}</Td>
                <Td>
                  <Badge tone={priorityTone[row.priority] ?? "neutral"}>{row.priority}</Badge>
                </Td>
                <Td num>
                  <Link to={queueLink({ system: row.system, priority: row.priority })} aria-label={`${row.items} ${row.priority} items of ${row.systemName} in the queue`}>
                    {formatCount(row.items)}
                  </Link>
                </Td>
                <Td num>{formatCount(row.goldCopies)}</Td>
                <Td num>{formatCount(row.inReview)}</Td>
                <Td num>{row.pastDue > 0 ? <strong>{formatCount(row.pastDue)}</strong> : "0"}</Td>
                <Td num>
                  <RelativeTime at={row.oldestReceivedAt} now={now} format="age" />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Panel>
  );
}

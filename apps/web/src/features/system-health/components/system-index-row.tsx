import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge";
import { Td } from "../../../components/ui/table";
import { useTRPC } from "../../../lib/trpc";
import type { SystemRow } from "../hooks/use-systems";
import { formatRate } from "../utils/format";
import { formatCount, formatPercent, formatPercentRange } from "@countersign/shared/format";

/** One system in the index; its figures load on their own (one batched request for the page). */
export function SystemIndexRow({ system }: { system: SystemRow }) {
  const trpc = useTRPC();
  const input = { systemId: system.id };
  const rates = useQuery(trpc.metrics.rates.queryOptions(input));
  const alerts = useQuery(trpc.metrics.alerts.queryOptions(input));
  const conflicts = useQuery(trpc.metrics.conflicts.queryOptions(input));
  const openItems = useQuery(trpc.metrics.open.queryOptions(input));
  const readiness = useQuery(trpc.readiness.overview.queryOptions(input, { staleTime: 60_000 }));
  const cadence = readiness.data?.operatingModel.cadence;
  const businessCase = system.businessCase;
  const overall = rates.data?.overall;
  const open = alerts.data?.open;
  const href = `/systems/${system.id}`;

  return (
    <tr>
      <Td>
        <Link to={href} className="cell-system">
          {system.name}
        </Link>
        <span className="cell-sub mono">{system.slug}</span>
      </Td>
      <Td>
        {system.state === "halted" ? (
          <span title={system.stateReason ?? undefined}>
            <Badge tone="danger">halted</Badge>
          </span>
        ) : (
          <Badge tone="success">active</Badge>
        )}
      </Td>
      <Td>
        <Badge>{system.oversightMode}</Badge>
      </Td>
      <Td num>
        {businessCase ? (
          <>
            {formatPercent(businessCase.assumedVerificationRate)} <span className="muted">± {formatPercent(businessCase.tolerance)}</span>
          </>
        ) : (
          <span className="muted">no business case</span>
        )}
      </Td>
      <Td num>
        {overall === undefined ? (
          <span className="muted">…</span>
        ) : overall.exceedsReported ? (
          <Link to={`${href}#conflicts`} className="row-link">
            <Badge tone="warning">layer conflict</Badge>{" "}
            <span className="muted">
              received {formatCount(overall.received)}, the AI system reported {formatCount(overall.total)} outputs
            </span>
          </Link>
        ) : overall.rate === null ? (
          <span className="muted">no volume reported</span>
        ) : (
          <span title={`95% interval ${formatPercentRange(overall.interval)}`}>
            {formatRate(overall)}{" "}
            <span className="muted">
              ({formatCount(overall.received)} of {formatCount(overall.total)})
            </span>
          </span>
        )}
      </Td>
      <Td num>
        {openItems.data ? (
          <Link to={`/queue?${new URLSearchParams({ system: system.slug }).toString()}`} className="row-link" title={openItems.data.label}>
            {formatCount(openItems.data.inQueue)}{" "}
            <span className="muted">
              ({formatCount(openItems.data.goldCopies)} gold)
            </span>
          </Link>
        ) : null}
      </Td>
      <Td>
        {open ? (
          <Link to={`${href}#drift`} className="row-link">
            <Badge tone="danger">drift alert open</Badge>
            <span className="visually-hidden"> for {system.name}</span>
          </Link>
        ) : alerts.data ? (
          <span className="muted">{businessCase ? "none open" : "not checked"}</span>
        ) : null}
      </Td>
      <Td>
        {conflicts.data && conflicts.data.length > 0 ? (
          <Link to={`${href}#conflicts`} className="row-link" title={conflicts.data.map((c) => c.message).join("\n\n")}>
            <Badge tone="warning">
              {conflicts.data.length} {conflicts.data.length === 1 ? "conflict" : "conflicts"}
            </Badge>
            <span className="visually-hidden"> for {system.name}</span>
          </Link>
        ) : conflicts.data ? (
          <span className="muted">none</span>
        ) : null}
      </Td>
      <Td>
        {cadence ? (
          <span className="row-gap">
            {cadence.overdue ? <Badge tone="danger">overdue</Badge> : null}
            <Link to={`${href}/readiness`} className="row-link">
              {cadence.next ? cadence.next.label : "all held"}
              <span className="visually-hidden"> — readiness review of {system.name}</span>
            </Link>
          </span>
        ) : null}
      </Td>
    </tr>
  );
}

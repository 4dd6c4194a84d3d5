import { Fragment } from "react";
import { Link } from "react-router";
import { Table, Td, Th } from "../../../components/ui/table";
import type { RouterOutputs } from "../../../lib/trpc";
import { formatCount, formatMoney, formatPercent } from "@countersign/shared/format";
import { queueLink } from "../utils/links";

type Entry = RouterOutputs["metrics"]["breakdowns"]["byReason"][number];

type Props = {
  by: "reason" | "model";
  entries: Entry[];
  slug: string;
  currency: string | null;
};

const heading = { reason: "Escalation reason", model: "Model version" } as const;

/**
 * Escalations by reason or model version, and how reviewers decided on them. A reason row links
 * to its escalations in the queue (open, then decided); a finding asks whether the trigger is
 * worth its cost.
 */
export function BreakdownTable({ by, entries, slug, currency }: Props) {
  if (entries.length === 0) {
    return <p className="muted">No escalations were received in this window.</p>;
  }
  const byReason = by === "reason";
  const columns = 8;
  return (
    <Table aria-label={`Escalations by ${by === "reason" ? "escalation reason" : "model version"}`} className="breakdown-table">
      <thead>
        <tr>
          <Th>{heading[by]}</Th>
          <Th num>Escalations</Th>
          <Th num>Share</Th>
          <Th num>Decisions</Th>
          <Th num>Approved</Th>
          <Th num>Overridden</Th>
          <Th num>Override rate</Th>
          <Th num>Review cost</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <Fragment key={entry.key}>
            <tr className={entry.finding ? "has-finding" : undefined}>
              <Td>
                <code className="reason-code">{entry.key}</code>
              </Td>
              <Td num>
                {byReason ? (
                  <Link to={queueLink({ system: slug, reason: entry.key })} aria-label={`${entry.escalations} escalations for ${entry.key}: open ones in the queue`}>
                    {formatCount(entry.escalations)}
                  </Link>
                ) : (
                  formatCount(entry.escalations)
                )}
              </Td>
              <Td num>{formatPercent(entry.share)}</Td>
              <Td num>
                {byReason && entry.decisions > 0 ? (
                  <Link to={queueLink({ system: slug, reason: entry.key, status: "decided" })} aria-label={`${entry.decisions} decisions on ${entry.key}`}>
                    {formatCount(entry.decisions)}
                  </Link>
                ) : (
                  formatCount(entry.decisions)
                )}
              </Td>
              <Td num>{formatCount(entry.approved)}</Td>
              <Td num>{formatCount(entry.overridden)}</Td>
              <Td num>{formatPercent(entry.overrideRate)}</Td>
              <Td num>{formatMoney(entry.reviewCost, currency)}</Td>
            </tr>
            {entry.finding ? (
              <tr className="finding-row">
                <Td colSpan={columns}>
                  <span className="finding">
                    <strong>Worth its cost?</strong> {entry.finding}
                  </span>
                </Td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </Table>
  );
}

import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { Link } from "react-router";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Confidence } from "../../../components/ui/confidence";
import { DueTime } from "../../../components/ui/due-time";
import { RelativeTime } from "../../../components/ui/relative-time";
import { Table, Td, Th } from "../../../components/ui/table";
import type { RouterOutputs } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";
import { HeldBy } from "./held-by";
import { bidiMarked } from "@countersign/shared/bidi";

export type QueueRow = RouterOutputs["queue"]["list"]["rows"][number];

export type QueueTableHandle = { move: (step: 1 | -1) => void };

type Props = {
  rows: QueueRow[];
  now: number;
  canClaim: boolean;
  canSeeTimeline: boolean;
  pendingId: string | null;
  onOpen: (row: QueueRow) => void;
  handle: Ref<QueueTableHandle>;
};

const priorityTone: Record<QueueRow["priority"], BadgeTone> = { urgent: "danger", high: "warning", normal: "neutral", low: "neutral" };

function rowAction(row: QueueRow, canClaim: boolean, canSeeTimeline: boolean): string | null {
  if (canClaim && row.heldByMe && row.status === "in_review") return "Continue";
  // Under the two-person rule a reviewer verifies an item once; the server refuses a second claim.
  if (canClaim && row.status === "queued" && !row.verifiedByMe) return "Claim";
  if (canSeeTimeline) return "Timeline";
  return null;
}

/** The dense queue table. Rows are one tab stop: j/k (or ↑/↓) move, Enter opens. */
export function QueueTable({ rows, now, canClaim, canSeeTimeline, pendingId, onOpen, handle }: Props) {
  const [focused, setFocused] = useState(0);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const current = Math.min(focused, Math.max(rows.length - 1, 0));

  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setFocused(next);
    rowRefs.current[next]?.focus();
  };
  useImperativeHandle(handle, () => ({
    move: (step) => {
      const inTable = rowRefs.current.some((r) => r === document.activeElement);
      focusRow(inTable ? current + step : current);
    },
  }));

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: QueueRow, index: number) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter") {
      event.preventDefault();
      onOpen(row);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      focusRow(index + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      focusRow(index - 1);
    }
  };

  return (
    <Table className="queue-table" aria-label="Escalations in the queue" aria-rowcount={rows.length + 1}>
      <thead>
        <tr>
          <Th>System</Th>
          <Th>Priority</Th>
          <Th className="col-reason">Reason</Th>
          <Th num>Confidence</Th>
          <Th num>Age</Th>
          <Th>Due</Th>
          <Th>Status</Th>
          <Th>
            <span className="visually-hidden">Action</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const action = rowAction(row, canClaim, canSeeTimeline);
          return (
            <tr
              key={row.id}
              ref={(el) => {
                rowRefs.current[index] = el;
              }}
              tabIndex={index === current ? 0 : -1}
              className={index === current ? "queue-row is-current" : "queue-row"}
              onFocus={() => setFocused(index)}
              onKeyDown={(e) => onRowKeyDown(e, row, index)}
              onDoubleClick={() => onOpen(row)}
            >
              <Td>
                <span className="cell-system"><UntrustedText text={row.systemName} /></span>
                <span className="cell-sub mono"><UntrustedText text={row.externalId} /></span>
              </Td>
              <Td>
                <Badge tone={priorityTone[row.priority]}>{row.priority}</Badge>
              </Td>
              <Td className="col-reason">
                <code className="reason-code"><UntrustedText text={row.reasonCode} /></code>
                <span className="reason-text" title={bidiMarked(row.reasonExplanation)}>
                  <UntrustedText text={row.reasonExplanation} />
                </span>
              </Td>
              <Td num>
                <Confidence value={row.confidence} />
              </Td>
              <Td num>
                <RelativeTime at={row.receivedAt} now={now} format="age" />
              </Td>
              <Td>
                <DueTime at={row.dueAt} now={now} />
              </Td>
              <Td>
                <StatusCell row={row} now={now} />
              </Td>
              <Td className="cell-action">
                {action === "Timeline" ? (
                  <Link to={`/escalations/${row.id}`} className="row-link" tabIndex={-1}>
                    Timeline
                  </Link>
                ) : action ? (
                  <Button size="sm" variant={action === "Claim" ? "secondary" : "primary"} tabIndex={-1} onClick={() => onOpen(row)} disabled={pendingId === row.id}>
                    {pendingId === row.id ? "Claiming…" : action}
                  </Button>
                ) : null}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function StatusCell({ row, now }: { row: QueueRow; now: number }) {
  if (row.status === "queued" && row.verifiedByMe) return <Badge>verified by you</Badge>;
  if (row.status === "queued") return <Badge>queued</Badge>;
  if (row.status === "decided") return <Badge tone="success">decided</Badge>;
  if (row.status === "expired") {
    return (
      <Badge tone="warning" title="Its due time passed before anyone decided it; the AI system was told it expired">
        expired
      </Badge>
    );
  }
  return <HeldBy row={row} now={now} />;
}

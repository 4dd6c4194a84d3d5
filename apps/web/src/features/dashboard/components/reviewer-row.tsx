import type { Flag, FlagKind, ReviewerFigures } from "@countersign/shared/indicators";
import type { ReactNode } from "react";
import { Badge } from "../../../components/ui/badge";
import { Td } from "../../../components/ui/table";
import { flagColumn, reviewerColumns, type ReviewerColumn, type ReviewerRow as Row } from "../utils/reviewer-columns";
import { formatCount, formatDuration, formatOf, formatPercent, formatRatio, formatZ, noValue } from "@countersign/shared/format";
import { ConfidenceBands } from "./confidence-bands";

type Figure = { main: ReactNode; sub?: ReactNode };

/** One figure of a reviewer (or the team), with its unit, and a second line where a count gives it weight. */
function figure(key: ReviewerColumn["key"], f: ReviewerFigures, isTeam: boolean): Figure {
  switch (key) {
    case "name":
    case "flags":
      return { main: null };
    case "decisions":
      return { main: formatCount(f.decisions) };
    case "medianActiveSeconds":
      return { main: formatDuration(f.medianActiveSeconds), sub: !isTeam && f.peerMedianActiveSeconds !== null ? `peers ${formatDuration(f.peerMedianActiveSeconds)}` : undefined };
    case "p10ActiveSeconds":
      return { main: formatDuration(f.p10ActiveSeconds) };
    case "nearFloorShare":
      return { main: formatPercent(f.nearFloorShare) };
    case "approvalRate":
      return { main: formatPercent(f.approvalRate) };
    case "approvalZ":
      return { main: isTeam ? noValue : formatZ(f.approvalZ) };
    case "agreementWithAi":
      return f.judgementVerdicts === 0
        ? { main: noValue, sub: "no own verdicts" }
        : { main: formatPercent(f.agreementWithAi), sub: `of ${f.judgementVerdicts}` };
    case "goldCatchRate":
      return f.goldDecisions === 0
        ? { main: noValue, sub: "no gold items" }
        : { main: formatOf(f.goldCaught, f.goldDecisions), sub: formatPercent(f.goldCatchRate) };
    case "evidenceOpenRate":
      return { main: formatPercent(f.evidenceOpenRate) };
    case "duplicateRationaleRate":
      return { main: formatPercent(f.duplicateRationaleRate) };
    case "longestApprovalStreak":
      return { main: formatCount(f.longestApprovalStreak) };
    case "bands":
      return { main: <ConfidenceBands bands={f.approvalByConfidence} /> };
    case "switchRate":
      return { main: formatPercent(f.switchRate), sub: f.judgementsAgainstAi > 0 ? `of ${f.judgementsAgainstAi}` : undefined };
    case "dayDriftRatio":
      return { main: formatRatio(f.dayDriftRatio) };
  }
}

type Props = {
  row: Row;
  minDecisions: number;
  onOpenFlag: (reviewerId: string, kind: FlagKind) => void;
};

/** The team's figures, first in the table, for every reviewer to be read against. */
export function TeamRow({ figures }: { figures: ReviewerFigures }) {
  return (
    <tr className="team-row">
      {reviewerColumns.map((column) => {
        if (column.key === "name") {
          return (
            <Td key="name">
              <span className="cell-strong">Team</span>
              <span className="cell-sub">all reviewers in view</span>
            </Td>
          );
        }
        const { main, sub } = figure(column.key, figures, true);
        return (
          <Td key={column.key} num={column.num} className={column.priority}>
            {main}
            {sub ? <span className="cell-sub">{sub}</span> : null}
          </Td>
        );
      })}
    </tr>
  );
}

/** A reviewer's figures and, beneath them, each flag as the server's question, opening its decisions. */
export function ReviewerRow({ row, minDecisions, onOpenFlag }: Props) {
  const flaggedColumns = new Map<ReviewerColumn["key"], Flag>();
  for (const flag of row.flags) {
    const column = flagColumn[flag.kind];
    if (column && !flaggedColumns.has(column)) flaggedColumns.set(column, flag);
  }
  return (
    <tbody className={row.flags.length ? "reviewer-group has-flags" : "reviewer-group"}>
      <tr className="reviewer-row">
        {reviewerColumns.map((column) => {
          if (column.key === "name") {
            return (
              <Td key="name">
                <span className="cell-strong">{row.name}</span>
                {row.flags.length > 0 ? (
                  <span className="cell-sub">
                    <Badge tone="warning">
                      {row.flags.length} {row.flags.length === 1 ? "question" : "questions"}
                    </Badge>
                  </span>
                ) : row.figures.decisions < minDecisions ? (
                  <span className="cell-sub">under {minDecisions} decisions: not flagged</span>
                ) : null}
              </Td>
            );
          }
          const { main, sub } = figure(column.key, row.figures, false);
          const flag = flaggedColumns.get(column.key);
          return (
            <Td key={column.key} num={column.num} className={[flag ? "is-flagged" : null, column.priority ?? null].filter(Boolean).join(" ") || undefined}>
              {flag ? (
                // A pointer shortcut to the flag's decisions; the keyboard path is the question below.
                <button type="button" className="figure-button" tabIndex={-1} onClick={() => onOpenFlag(row.id, flag.kind)} title={flag.question}>
                  <span className="flag-mark" aria-hidden="true">
                    ⚑
                  </span>
                  {main}
                </button>
              ) : (
                main
              )}
              {sub ? <span className="cell-sub">{sub}</span> : null}
            </Td>
          );
        })}
      </tr>
      {row.flags.length > 0 ? (
        <tr className="flag-row">
          <td colSpan={reviewerColumns.length}>
            <ul className="flag-list" aria-label={`Questions about ${row.name}'s decisions`}>
              {row.flags.map((flag) => (
                <li key={flag.kind} className="flag-item">
                  <button
                    type="button"
                    className="flag-question"
                    onClick={() => onOpenFlag(row.id, flag.kind)}
                    aria-describedby={`flag-${row.id}-${flag.kind}`}
                  >
                    <span className="flag-mark" aria-hidden="true">
                      ⚑
                    </span>
                    {flag.question}
                  </button>
                  <span className="flag-threshold" id={`flag-${row.id}-${flag.kind}`}>
                    Indicator: {flag.threshold}. Opens the decisions behind it.
                  </span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

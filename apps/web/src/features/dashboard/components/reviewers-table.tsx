import type { FlagKind, ReviewerFigures } from "@countersign/shared/indicators";
import { Tooltip } from "../../../components/ui/tooltip";
import type { SortDirection } from "../hooks/use-dashboard-params";
import { reviewerColumns, sortReviewers, type ReviewerColumn, type ReviewerRow as Row, type ReviewerSortKey } from "../utils/reviewer-columns";
import { ReviewerRow, TeamRow } from "./reviewer-row";

type Props = {
  team: ReviewerFigures;
  reviewers: Row[];
  minDecisions: number;
  sort: ReviewerSortKey;
  direction: SortDirection;
  onSort: (key: ReviewerSortKey, direction: SortDirection) => void;
  onOpenFlag: (reviewerId: string, kind: FlagKind) => void;
};

const ariaSort = (active: boolean, direction: SortDirection) => (active ? (direction === "asc" ? "ascending" : "descending") : undefined);

function HeaderCell({ column, sort, direction, onSort }: { column: ReviewerColumn; sort: ReviewerSortKey; direction: SortDirection; onSort: Props["onSort"] }) {
  const className = [column.num ? "num" : null, column.priority ?? null].filter(Boolean).join(" ") || undefined;
  if (column.key === "bands") {
    return (
      <th scope="col" className={className}>
        <Tooltip content={column.description}>
          <span className="th-label" tabIndex={0}>
            {column.label}
          </span>
        </Tooltip>
      </th>
    );
  }
  const key = column.key;
  const active = sort === key;
  const next: SortDirection = active ? (direction === "asc" ? "desc" : "asc") : (column.firstDirection ?? "desc");
  return (
    <th scope="col" className={className} aria-sort={ariaSort(active, direction)}>
      <Tooltip content={`${column.description}. Sort ${next === "asc" ? "ascending" : "descending"}.`}>
        <button type="button" className={active ? "sort-button is-active" : "sort-button"} onClick={() => onSort(key, next)}>
          {column.label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </Tooltip>
    </th>
  );
}

/**
 * Reviewers beside the team: a dense, sortable table. Headers are buttons with aria-sort; the team
 * row stays first whatever the order, and each reviewer's flags follow their row as questions.
 */
export function ReviewersTable({ team, reviewers, minDecisions, sort, direction, onSort, onOpenFlag }: Props) {
  const sorted = sortReviewers(reviewers, sort, direction);
  return (
    <div className="table-wrap reviewers-wrap">
      <table className="table reviewers-table" aria-label="Reviewers beside the team">
        <thead>
          <tr>
            {reviewerColumns.map((column) => (
              <HeaderCell key={column.key} column={column} sort={sort} direction={direction} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody className="team-group">
          <TeamRow figures={team} />
        </tbody>
        {sorted.map((row) => (
          <ReviewerRow key={row.id} row={row} minDecisions={minDecisions} onOpenFlag={onOpenFlag} />
        ))}
      </table>
    </div>
  );
}

import type { ReviewerFigures } from "@countersign/shared/indicators";
import { formatPercent } from "@countersign/shared/format";

type Bands = ReviewerFigures["approvalByConfidence"];

/** Bands with fewer decisions than this are drawn faint: too few to compare (the flag ignores them too). */
const fewDecisions = 5;

function describe(bands: Bands): string {
  const parts = bands.map((b) => `confidence ${b.band}: ${b.decisions === 0 ? "no decisions" : `${formatPercent(b.approvalRate)} approved of ${b.decisions}`}`);
  return `Approval rate by AI confidence — ${parts.join("; ")}`;
}

/**
 * Approval rate in each band of the AI's confidence, lowest band first, as a small bar chart.
 * Rising bars: the reviewer approves confident outputs more often; flat bars: confidence does not
 * change the outcome. The numbers are in the accessible name and the tooltip.
 */
export function ConfidenceBands({ bands }: { bands: Bands }) {
  const label = describe(bands);
  return (
    <span className="bands" role="img" aria-label={label} title={label}>
      {bands.map((b) => (
        <span key={b.band} className={b.decisions < fewDecisions ? "band is-few" : "band"}>
          <span className="band-fill" style={{ height: `${Math.round((b.approvalRate ?? 0) * 100)}%` }} />
        </span>
      ))}
    </span>
  );
}

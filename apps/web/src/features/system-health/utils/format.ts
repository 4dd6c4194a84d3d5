import { formatPercent } from "@countersign/shared/format";

/**
 * A verification rate as the server measured it. More escalations than reported outputs has no
 * rate (the server reports it as a layer conflict): it is never written as a share above 100%.
 */
export function formatRate(figure: { rate: number | null; exceedsReported: boolean }): string {
  return figure.exceedsReported ? "more received than reported" : formatPercent(figure.rate);
}

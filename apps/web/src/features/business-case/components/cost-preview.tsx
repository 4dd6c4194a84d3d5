import { breakEvenRate, costPerItem } from "@countersign/shared/cost-model";
import type { OversightMode } from "@countersign/shared/enums";
import { useState } from "react";
import { FormField } from "../../../components/ui/form-field";
import { Table, Td, Th } from "../../../components/ui/table";
import { toNumber, type Draft } from "../utils/draft";
import { formatDuration, formatPercent } from "@countersign/shared/format";
import { formatAmount } from "../utils/format";

type Props = {
  draft: Draft;
  /** Median active seconds per decision measured on this system (last 30 days), for an hourly rate. */
  measuredSeconds: number | null;
  oversightMode: OversightMode;
};

const valid = (n: number) => Number.isFinite(n) && n >= 0;

/**
 * What the draft business case implies, computed live with the shared cost model: the cost per
 * item fully manual, at the assumed rate, at 100%, and the break-even rate.
 */
export function CostPreview({ draft, measuredSeconds, oversightMode }: Props) {
  const [assumedMinutes, setAssumedMinutes] = useState("3");
  const manual = toNumber(draft.manualCostPerItem);
  const ai = toNumber(draft.aiCostPerItem);
  const gold = toNumber(draft.goldSharePercent) / 100;
  const assumed = toNumber(draft.assumedRatePercent) / 100;
  const reviewSeconds = measuredSeconds ?? toNumber(assumedMinutes) * 60;
  const perReview = draft.reviewBasis === "per_item" ? toNumber(draft.reviewAmount) : (toNumber(draft.hourlyRate) * reviewSeconds) / 3600;
  const ready = valid(manual) && valid(ai) && valid(perReview) && valid(gold) && gold <= 0.5;
  const inputs = { aiCostPerItem: ai, reviewCostPerItem: perReview, goldShare: gold };
  const breakEven = ready ? breakEvenRate(inputs, manual) : null;
  const money = (n: number) => formatAmount(n, draft.currency);

  const rows: { label: string; rate: string; cost: number }[] = ready
    ? [
        { label: "Fully manual", rate: "—", cost: manual },
        ...(valid(assumed) && assumed <= 1 ? [{ label: "At the assumed rate", rate: formatPercent(assumed), cost: costPerItem(inputs, assumed) }] : []),
        { label: "Every output reviewed (HITL)", rate: "100%", cost: costPerItem(inputs, 1) },
      ]
    : [];

  return (
    <section className="cost-preview" aria-labelledby="cost-preview-title">
      <h3 id="cost-preview-title" className="subsection-title">
        Preview
      </h3>
      <p className="field-hint">Cost per item = AI cost + verification rate × review cost{gold > 0 ? " ÷ (1 − gold share)" : ""}.</p>
      {draft.reviewBasis === "per_hour" && measuredSeconds === null ? (
        <FormField label="For the preview, a review takes" suffix="min" hint="Not saved: the real review cost comes from measured active time." className="field-number">
          <input className="input num" inputMode="decimal" value={assumedMinutes} onChange={(e) => setAssumedMinutes(e.target.value)} />
        </FormField>
      ) : draft.reviewBasis === "per_hour" ? (
        <p className="field-hint">Review cost from the measured median active time of {formatDuration(measuredSeconds)} per decision: {valid(perReview) ? money(perReview) : "—"}.</p>
      ) : null}
      {!ready ? (
        <p className="muted">Fill in the manual cost, AI cost and review cost to see the figures.</p>
      ) : (
        <>
          <Table aria-label="Cost per item under this business case">
            <thead>
              <tr>
                <Th>Case</Th>
                <Th num>Verification rate</Th>
                <Th num>Cost per item</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <Td>{row.label}</Td>
                  <Td num>{row.rate}</Td>
                  <Td num>{money(row.cost)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="preview-break-even">
            Break-even verification rate:{" "}
            <strong>{breakEven === null ? "— (a review costs nothing)" : breakEven >= 1 ? "none: no rate costs more than by hand" : formatPercent(Math.max(0, breakEven))}</strong>
            {breakEven !== null && breakEven < 1 ? <span className="muted"> — above it, an item costs more than doing it by hand.</span> : null}
          </p>
        </>
      )}
      {oversightMode === "HITL" && valid(assumed) && assumed < 1 ? (
        <p className="form-warning">
          This system runs human-in-the-loop: every output is meant to be sent for review, so its verification rate is 100% by design. An assumed rate of{" "}
          {formatPercent(assumed)} will be flagged as a layer conflict.
        </p>
      ) : null}
    </section>
  );
}

import type { RouterOutputs } from "../../../lib/trpc";
import { formatCount, formatPercent } from "@countersign/shared/format";
import { Fact, Facts, LayerCard } from "./layer-card";

type Process = RouterOutputs["readiness"]["overview"]["process"];

const modeText = {
  HITL: "HITL — every output is meant to be sent for review",
  HOTL: "HOTL — exceptions only",
  HIC: "HIC — no per-item review; humans can stop the system",
} as const;

/** Process: the oversight mode, and whether escalations reach the reviewer with context. */
export function ProcessLayer({ process }: { process: Process }) {
  const share = process.evidenceShare;
  const answer =
    share === null
      ? { text: "No escalations yet", tone: "neutral" as const }
      : share >= 0.9
        ? { text: `${formatPercent(share)} arrive with evidence`, tone: "success" as const }
        : { text: `Only ${formatPercent(share)} arrive with evidence`, tone: "warning" as const };
  return (
    <LayerCard id="process" layer="Process" question={process.question} answer={answer}>
      <Facts label="Process figures, last 30 days">
        <Fact label="Oversight mode">{modeText[process.oversightMode]}</Fact>
        <Fact label="Escalations received">{formatCount(process.escalations)}</Fact>
        <Fact label="With at least one evidence item">
          {formatCount(process.withEvidence)} <span className="muted">({formatPercent(share)})</span>
        </Fact>
      </Facts>
    </LayerCard>
  );
}

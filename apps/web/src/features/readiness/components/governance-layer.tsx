import type { RouterOutputs } from "../../../lib/trpc";
import { formatSetting } from "../utils/format";
import { LayerCard } from "./layer-card";

type Governance = RouterOutputs["readiness"]["overview"]["governance"];

/** Governance: the review policy rule by rule, as the server enforces it. */
export function GovernanceLayer({ governance }: { governance: Governance }) {
  return (
    <LayerCard
      id="governance"
      layer="Governance"
      question={governance.question}
      answer={{ text: `${governance.rules.length} rules enforced by the server`, tone: "neutral" }}
    >
      <ul className="rule-list" aria-label="Review policy as enforced">
        {governance.rules.map((rule) => (
          <li key={rule.rule} className="rule">
            <span className="rule-name">
              <strong>{rule.name}</strong> <span className="muted">{formatSetting(rule.rule, rule.setting)}</span>
            </span>
            <span>{rule.enforced}</span>
          </li>
        ))}
      </ul>
    </LayerCard>
  );
}

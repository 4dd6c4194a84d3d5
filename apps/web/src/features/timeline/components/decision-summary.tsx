import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { RelativeTime } from "../../../components/ui/relative-time";
import { PayloadView } from "../../../components/payload-view";
import type { RouterOutputs } from "../../../lib/trpc";
import { UntrustedText } from "../../../components/untrusted-text";

type Decision = NonNullable<RouterOutputs["reviews"]["detail"]["decision"]>;

const tone: Record<Decision["outcome"], BadgeTone> = { approved: "success", modified: "accent", rejected: "danger", escalated: "warning", expired: "warning" };

/** The recorded decision: outcome, who, when, why, and what the AI system was told. */
export function DecisionSummary({ decision, now }: { decision: Decision | undefined; now: number }) {
  if (!decision) {
    return <p className="muted">Not decided yet.</p>;
  }
  return (
    <div className="decision">
      <p className="decision-line">
        <Badge tone={tone[decision.outcome]}>{decision.outcome}</Badge> by <strong>{decision.decidedBy}</strong>{" "}
        <RelativeTime at={decision.decidedAt} now={now} />
      </p>
      <h3 className="read-title">Rationale</h3>
      <p className="prose"><UntrustedText text={decision.rationale} /></p>
      {decision.verifications && decision.verifications.length > 0 ? (
        <>
          <h3 className="read-title">Verifications</h3>
          <ul className="verification-list" aria-label="Verifications">
            {decision.verifications.map((v, index) => (
              <li key={index}>
                {v.outcome} by <strong>{v.decidedBy}</strong> <RelativeTime at={v.decidedAt} now={now} /> —{" "}
                {v.instructionsForUse ? (
                  <>
                    under instructions for use version <span className="mono">{v.instructionsForUse.version}</span>
                  </>
                ) : (
                  "no instructions for use were in force"
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {decision.finalOutput !== null ? (
        <>
          <h3 className="read-title">Final output returned to the AI system</h3>
          <PayloadView payload={decision.finalOutput} label="Final output" />
        </>
      ) : null}
    </div>
  );
}

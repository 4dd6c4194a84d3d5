import type { Outcome } from "@countersign/shared/enums";
import type { UnmetRule } from "@countersign/shared/review";
import { formatClock } from "@countersign/shared/format";

type ChecklistProgress = { answered: number; total: number };

/** A message the rules alone cannot give: the server's refusal, or the next step of Modify. */
export type StatusNotice = { title: string; reasons: string[]; tone: "error" | "info" };

type Props = {
  /** The outcome the reviewer last pressed, or null: the area then speaks of approval. */
  outcome: Outcome | null;
  unmet: UnmetRule[];
  progress: ChecklistProgress;
  rationale: { length: number; min: number };
  /** Time still counts: the page is visible and focused. */
  here: boolean;
  notice: StatusNotice | null;
  pending: boolean;
};

const verb: Record<Outcome, string> = { approved: "approve", modified: "modify", rejected: "reject", escalated: "escalate" };

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One unmet rule in a few words. Which rules are unmet always comes from unmetReviewRules (the
 * function the server enforces). The dwell's countdown and the rationale's count are visible but
 * kept out of the words a screen reader hears, so the live region speaks when the list changes,
 * not every second or keystroke.
 */
function RuleItem({ rule, progress, rationale, here }: { rule: UnmetRule } & Pick<Props, "progress" | "rationale" | "here">) {
  switch (rule.rule) {
    case "checklist":
      return <>Checklist: {progress.answered} of {progress.total} answered</>;
    case "rationale":
      return (
        <>
          <span aria-hidden="true">
            Rationale: {rationale.length} of {rationale.min} characters
          </span>
          <span className="visually-hidden">A rationale of at least {rationale.min} characters</span>
        </>
      );
    case "judgement":
      return <>Record your own judgement first (v)</>;
    case "attention":
      return <>Answer the attention check (q)</>;
    case "corrected_output":
      return <>Write the corrected output</>;
    case "dwell":
      return (
        <>
          <span aria-hidden="true">
            {formatClock((rule.secondsLeft ?? 0) * 1000)} more of active review{here ? "" : " (paused: this page is not in front)"}
          </span>
          <span className="visually-hidden">The minimum active review time is not reached yet</span>
        </>
      );
    default:
      return <>{sentence(rule.message)}</>;
  }
}

/**
 * The one status area beside the decision buttons, always current: what is still missing for the
 * outcome last pressed (approval until then), and when approval becomes possible. A refusal from
 * the server is shown here too, and goes once the form changes (the caller drops the notice).
 */
export function DecisionStatus({ outcome, unmet, progress, rationale, here, notice, pending }: Props) {
  const target = outcome ?? "approved";
  let tone: "ready" | "missing" | "refused" | "error" | "info" | "busy";
  let title: string;
  if (pending) {
    tone = "busy";
    title = "Recording…";
  } else if (notice) {
    tone = notice.tone;
    title = notice.title;
  } else if (unmet.length > 0) {
    tone = outcome ? "refused" : "missing";
    title = outcome ? `You cannot ${verb[outcome]} yet. Still missing:` : "Before you can approve:";
  } else {
    tone = "ready";
    title = outcome && outcome !== "approved" ? `Ready to ${verb[outcome]}: every rule is met.` : "Ready to approve: every rule is met.";
  }
  const reasons = pending ? [] : notice ? notice.reasons.map((reason) => <>{sentence(reason)}</>) : null;
  return (
    <div className={`decision-status status-${tone}`} role="status" aria-live="polite" aria-label="Decision status" data-outcome={target}>
      <p className="status-title">
        {tone === "ready" ? <span aria-hidden="true">✓ </span> : null}
        {title}
      </p>
      {reasons ? (
        reasons.length > 0 ? (
          <ul className="status-list">
            {reasons.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ul>
        ) : null
      ) : unmet.length > 0 ? (
        <ul className="status-list">
          {unmet.map((rule) => (
            <li key={`${rule.rule}-${rule.rule === "dwell" ? "" : rule.message}`} data-rule={rule.rule}>
              <RuleItem rule={rule} progress={progress} rationale={rationale} here={here} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

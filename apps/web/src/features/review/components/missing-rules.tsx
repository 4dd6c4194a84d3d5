import { formatDuration } from "@countersign/shared/format";
import type { UnmetRule } from "@countersign/shared/review";

export type ChecklistProgress = { answered: number; total: number };

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One unmet rule in words. Which rules are unmet always comes from unmetReviewRules (the
 * function the server enforces); only the checklist one is shortened to a count, because the
 * unanswered items are already marked in the form.
 */
export function describeRule(rule: UnmetRule, progress: ChecklistProgress): string {
  if (rule.rule === "checklist") return `Answer every checklist item (${progress.answered} of ${progress.total} answered)`;
  if (rule.rule === "dwell") return `Spend a little longer with this item: ${rule.secondsLeft === undefined || rule.secondsLeft === null ? "a few seconds" : formatDuration(rule.secondsLeft)} of active review to go (see the countdown; it pauses while this page is hidden)`;
  return sentence(rule.message);
}

/** What is still missing before approval, live. */
export function MissingRules({ unmet, progress }: { unmet: UnmetRule[]; progress: ChecklistProgress }) {
  if (unmet.length === 0) {
    return (
      <p className="missing missing-ready" role="status">
        <span aria-hidden="true">✓ </span>Every rule for approval is met.
      </p>
    );
  }
  return (
    <div className="missing" aria-labelledby="missing-title">
      <p id="missing-title" className="missing-title">
        Still missing before you can approve
      </p>
      <ul className="missing-list">
        {unmet.map((rule) => (
          <li key={`${rule.rule}-${rule.message}`}>{describeRule(rule, progress)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A refusal: the reasons from unmetReviewRules, or the server's own message. "info" is a next step. */
export function Refusal({ title, reasons, tone = "error" }: { title: string; reasons: string[]; tone?: "error" | "info" }) {
  return (
    <div className={tone === "info" ? "refusal refusal-info" : "refusal"} role={tone === "info" ? "status" : "alert"}>
      <p className="refusal-title">{title}</p>
      <ul className="refusal-list">
        {reasons.map((reason) => (
          <li key={reason}>{sentence(reason)}</li>
        ))}
      </ul>
    </div>
  );
}

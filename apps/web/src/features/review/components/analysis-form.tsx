import type { ChecklistAnswer, Outcome } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { unmetReviewRules, type Analysis } from "@countersign/shared/review";
import { useRef, useState, type KeyboardEvent } from "react";
import { FormField } from "../../../components/ui/form-field";
import { useShortcuts } from "../../../hooks/use-shortcuts";
import { errorMessage } from "../../../lib/errors";
import { payloadText } from "../../../lib/payload";
import type { RouterOutputs } from "../../../lib/trpc";
import type { useAttention } from "../hooks/use-attention";
import { useDecision } from "../hooks/use-decision";
import { reviewSituation } from "../utils/review-situation";
import { AttentionCheckField } from "./attention-check-field";
import { ChecklistField, focusRadioGroup } from "./checklist-field";
import { JudgementStep } from "./judgement-step";
import { DecisionButtons } from "./decision-buttons";
import { describeRule, MissingRules, Refusal } from "./missing-rules";
import { ReviewClock } from "./review-clock";
import { SupportingEvidenceField } from "./supporting-evidence-field";

type View = RouterOutputs["reviews"]["view"];

const verb: Record<Outcome, string> = { approved: "approve", modified: "modify", rejected: "reject", escalated: "escalate" };

const leaveFieldOnEscape = (event: KeyboardEvent<HTMLTextAreaElement>) => {
  if (event.key === "Escape") event.currentTarget.blur();
};

/** The analysis: checklist, rationale, (corrected output), decision. Shortcuts press the same buttons. */
export function AnalysisForm({ view, now, attention }: { view: View; now: number; attention: ReturnType<typeof useAttention> }) {
  // The reviewer's copy of the policy leaves out the gold rate, which no review rule reads.
  const policy: ReviewPolicy = { goldRate: 0, ...view.policy };
  const decision = useDecision(view.id);
  const [checklist, setChecklist] = useState<Record<string, ChecklistAnswer>>({});
  const [rationale, setRationale] = useState("");
  // Filled from the AI output when the reviewer first asks to modify: a large output is not
  // pretty-printed on every screen open for a field most decisions never show.
  const [correctedOutput, setCorrectedOutput] = useState("");
  const [supportingEvidence, setSupportingEvidence] = useState<number[]>([]);
  const [attentionAnswer, setAttentionAnswer] = useState<number | undefined>();
  const [showCorrected, setShowCorrected] = useState(false);
  const [refusal, setRefusal] = useState<{ title: string; reasons: string[]; tone?: "info" } | null>(null);
  const [tried, setTried] = useState(false);
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const correctedRef = useRef<HTMLTextAreaElement>(null);
  const groupRefs = useRef<(HTMLDivElement | null)[]>([]);

  const analysisFor = (outcome: Outcome): Analysis => ({
    outcome,
    checklist,
    rationale,
    correctedOutput: outcome === "modified" ? correctedOutput : undefined,
    supportingEvidence: policy.evidenceRequired ? supportingEvidence : undefined,
    attentionAnswer: view.attentionCheck ? attentionAnswer : undefined,
  });
  const situation = reviewSituation(view, attention.activeSeconds);
  const unmetForApproval = unmetReviewRules(policy, analysisFor("approved"), situation);
  const rationaleLength = rationale.trim().length;
  const progress = { answered: policy.checklist.filter((item) => checklist[item.id]).length, total: policy.checklist.length };

  const attempt = (outcome: Outcome) => {
    if (decision.pending) return;
    if (outcome === "modified" && !showCorrected) {
      setShowCorrected(true);
      if (!correctedOutput && view.aiOutput !== null) setCorrectedOutput(payloadText(view.aiOutput));
      setRefusal({
        title: "Write the corrected output, then press Modify again",
        reasons: ["the corrected output starts as the AI output; change it to what it should be"],
        tone: "info",
      });
      window.setTimeout(() => correctedRef.current?.focus(), 0);
      return;
    }
    setTried(true);
    const unmet = unmetReviewRules(policy, analysisFor(outcome), situation);
    if (unmet.length > 0) {
      setRefusal({ title: `You cannot ${verb[outcome]} yet`, reasons: unmet.map((rule) => describeRule(rule, progress)) });
      return;
    }
    setRefusal(null);
    // One last heartbeat first, so the seconds since the previous one count toward the dwell.
    attention
      .beat()
      .then(() => decision.submit({ escalationId: view.id, ...analysisFor(outcome) }))
      .catch((error: unknown) => setRefusal({ title: `The server did not record the decision to ${verb[outcome]}`, reasons: [errorMessage(error)] }));
  };

  const release = () => {
    if (decision.pending) return;
    decision.release().catch((error: unknown) => setRefusal({ title: "The escalation could not be released", reasons: [errorMessage(error)] }));
  };

  useShortcuts([
    ...policy.checklist.slice(0, 9).map((_, i) => ({ key: String(i + 1), handler: () => focusRadioGroup(groupRefs.current[i] ?? null) })),
    { key: "r", handler: () => rationaleRef.current?.focus() },
    { key: "a", alt: true, handler: () => attempt("approved") },
    { key: "m", alt: true, handler: () => attempt("modified") },
    { key: "r", alt: true, handler: () => attempt("rejected") },
    { key: "e", alt: true, handler: () => attempt("escalated") },
    { key: "l", alt: true, handler: release },
  ]);

  return (
    <form className="analysis" aria-labelledby="analysis-title" onSubmit={(e) => e.preventDefault()} noValidate>
      <h2 id="analysis-title" className="analysis-title">
        Your analysis
      </h2>
      {policy.judgementFirst ? <JudgementStep escalationId={view.id} judgement={view.judgement} /> : null}
      <ReviewClock
        now={now}
        activeSeconds={attention.activeSeconds}
        here={attention.here}
        requiredDwellSeconds={situation.requiredDwellSeconds}
        dwellCapped={situation.dwellCapped}
        maxLeaseMinutes={policy.maxLeaseMinutes}
        leaseExpiresAt={attention.leaseExpiresAt}
        leaseEndsAtLatest={attention.leaseEndsAtLatest}
      />

      <fieldset className="checklist">
        <legend className="field-label">Checklist</legend>
        {policy.checklist.map((item, i) => (
          <ChecklistField
            key={item.id}
            item={item}
            number={i + 1}
            value={checklist[item.id]}
            onChange={(answer) => setChecklist((prev) => ({ ...prev, [item.id]: answer }))}
            groupRef={(el) => {
              groupRefs.current[i] = el;
            }}
            invalid={tried}
          />
        ))}
      </fieldset>

      <FormField
        label="Rationale"
        hint={
          <span className={rationaleLength >= policy.minRationaleChars ? "count is-met" : "count"}>
            {rationaleLength} / {policy.minRationaleChars} characters minimum
            {rationaleLength < policy.minRationaleChars ? ` — ${policy.minRationaleChars - rationaleLength} more needed` : " — met"}
            <span className="muted"> · shortcut r</span>
          </span>
        }
      >
        <textarea
          ref={rationaleRef}
          className="textarea"
          rows={5}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          onKeyDown={leaveFieldOnEscape}
          aria-keyshortcuts="R"
          placeholder="What did you check, and why is this the right decision?"
        />
      </FormField>

      {policy.evidenceRequired ? (
        <SupportingEvidenceField evidence={view.evidence} selected={supportingEvidence} onChange={setSupportingEvidence} />
      ) : null}
      {view.attentionCheck ? (
        <AttentionCheckField
          question={view.attentionCheck.question}
          options={view.attentionCheck.options}
          value={attentionAnswer}
          onChange={setAttentionAnswer}
        />
      ) : null}

      {showCorrected ? (
        <FormField label="Corrected output" hint="Sent back to the AI system as the final output when you press Modify.">
          <textarea
            ref={correctedRef}
            className="textarea mono"
            rows={8}
            value={correctedOutput}
            onChange={(e) => setCorrectedOutput(e.target.value)}
            onKeyDown={leaveFieldOnEscape}
          />
        </FormField>
      ) : null}

      <MissingRules unmet={unmetForApproval} progress={progress} />
      <div className="analysis-footer">
        {refusal ? <Refusal title={refusal.title} reasons={refusal.reasons} tone={refusal.tone} /> : null}
        <DecisionButtons onDecide={attempt} onRelease={release} pending={decision.pending} />
        <p className="muted decision-status" role="status">
          {decision.pending ? (decision.continuing ? "Recorded. Claiming the next item…" : "Recording…") : ""}
        </p>
      </div>
    </form>
  );
}

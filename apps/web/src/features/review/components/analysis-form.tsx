import type { ChecklistAnswer, Outcome } from "@countersign/shared/enums";
import type { ReviewPolicy } from "@countersign/shared/policy";
import { unmetReviewRules, type Analysis } from "@countersign/shared/review";
import { useRef, useState, type KeyboardEvent } from "react";
import { FormField } from "../../../components/ui/form-field";
import { errorMessage } from "../../../lib/errors";
import { payloadText } from "../../../lib/payload";
import type { RouterOutputs } from "../../../lib/trpc";
import { isPresent, type useAttention } from "../hooks/use-attention";
import { useDecision } from "../hooks/use-decision";
import { focusDecision, useReviewShortcuts } from "../hooks/use-review-shortcuts";
import { reviewSituation } from "../utils/review-situation";
import { AttentionCheckField } from "./attention-check-field";
import { ChecklistField, focusRadioGroup } from "./checklist-field";
import { DecisionButtons } from "./decision-buttons";
import { DecisionStatus, type StatusNotice } from "./decision-status";
import { JudgementStep } from "./judgement-step";
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
  // The outcome last pressed: the status area then speaks of it rather than of approval.
  const [tried, setTried] = useState<Outcome | null>(null);
  // A notice belongs to the form as it was: any change to the analysis makes it stale, so it goes.
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<(StatusNotice & { revision: number }) | null>(null);
  const [finishAfter, setFinishAfter] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const correctedRef = useRef<HTMLTextAreaElement>(null);
  const groupRefs = useRef<(HTMLDivElement | null)[]>([]);
  const changed = () => setRevision((r) => r + 1);
  // Set from the press that passes the rules until its request settles: the last heartbeat runs
  // before the decision is pending, and a second press in between must not send a second decision.
  const sending = useRef(false);

  const analysisFor = (outcome: Outcome): Analysis => ({
    outcome,
    checklist,
    rationale,
    correctedOutput: outcome === "modified" ? correctedOutput : undefined,
    supportingEvidence: policy.evidenceRequired ? supportingEvidence : undefined,
    attentionAnswer: view.attentionCheck ? attentionAnswer : undefined,
  });
  const situation = reviewSituation(view, attention.activeSeconds);
  const unmet = unmetReviewRules(policy, analysisFor(tried ?? "approved"), situation);
  const rationaleLength = rationale.trim().length;
  const progress = { answered: policy.checklist.filter((item) => checklist[item.id]).length, total: policy.checklist.length };
  const currentNotice = notice && notice.revision === revision ? notice : null;

  const attempt = (outcome: Outcome) => {
    if (decision.pending || sending.current) return;
    setTried(outcome);
    if (outcome === "modified" && !showCorrected) {
      setShowCorrected(true);
      if (!correctedOutput && view.aiOutput !== null) setCorrectedOutput(payloadText(view.aiOutput));
      setNotice({
        title: "Write the corrected output, then press Modify again",
        reasons: ["the corrected output starts as the AI output; change it to what it should be"],
        tone: "info",
        revision,
      });
      window.setTimeout(() => correctedRef.current?.focus(), 0);
      return;
    }
    setNotice(null);
    if (unmetReviewRules(policy, analysisFor(outcome), situation).length > 0) return;
    sending.current = true;
    decision
      .submit({ escalationId: view.id, ...analysisFor(outcome) }, { finish: finishAfter, leaving: !isPresent(), lastHeartbeat: attention.beat })
      .catch((error: unknown) => {
        setNotice({ title: `The server did not record the decision to ${verb[outcome]}`, reasons: [errorMessage(error)], tone: "error", revision });
        // The refused request carried a heartbeat: the clock on screen starts its stretch again from the server's answer.
        void attention.beat();
      })
      .finally(() => {
        sending.current = false;
      });
  };

  const release = () => {
    if (decision.pending) return;
    decision
      .release()
      .catch((error: unknown) => setNotice({ title: "The escalation could not be released", reasons: [errorMessage(error)], tone: "error", revision }));
  };

  const openedEvidence = situation.evidenceOpened;
  const markSupporting = (index: number) => {
    if (!policy.evidenceRequired || !openedEvidence.includes(index)) return false;
    setSupportingEvidence((selected) => (selected.includes(index) ? selected.filter((i) => i !== index) : [...selected, index].sort((x, y) => x - y)));
    changed();
    return true;
  };

  useReviewShortcuts({
    form: formRef,
    checklistGroups: groupRefs,
    rationale: rationaleRef,
    attempt,
    release,
    toggleFinish: () => setFinishAfter((f) => !f),
    markSupporting,
    opened: openedEvidence,
    cited: supportingEvidence,
  });

  // After an answer the focus moves on: the next checklist item, then the rationale.
  const answered = (i: number) => {
    const next = groupRefs.current[i + 1];
    if (next) focusRadioGroup(next);
    else rationaleRef.current?.focus();
  };

  return (
    <form ref={formRef} className="analysis" aria-labelledby="analysis-title" onSubmit={(e) => e.preventDefault()} noValidate>
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
            onChange={(answer) => {
              setChecklist((prev) => ({ ...prev, [item.id]: answer }));
              changed();
            }}
            onAnswered={() => answered(i)}
            groupRef={(el) => {
              groupRefs.current[i] = el;
            }}
            invalid={tried !== null}
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
          rows={4}
          value={rationale}
          onChange={(e) => {
            setRationale(e.target.value);
            changed();
          }}
          onKeyDown={leaveFieldOnEscape}
          aria-keyshortcuts="R"
          placeholder="What did you check, and why is this the right decision?"
        />
      </FormField>

      {policy.evidenceRequired ? (
        <SupportingEvidenceField
          evidence={view.evidence}
          selected={supportingEvidence}
          onChange={(selected) => {
            setSupportingEvidence(selected);
            changed();
          }}
        />
      ) : null}
      {view.attentionCheck ? (
        <AttentionCheckField
          question={view.attentionCheck.question}
          options={view.attentionCheck.options}
          value={attentionAnswer}
          onChange={(answer) => {
            setAttentionAnswer(answer);
            changed();
          }}
          onAnswered={() => focusDecision(formRef.current)}
        />
      ) : null}

      {showCorrected ? (
        <FormField label="Corrected output" hint="Sent back to the AI system as the final output when you press Modify.">
          <textarea
            ref={correctedRef}
            className="textarea mono"
            rows={8}
            value={correctedOutput}
            onChange={(e) => {
              setCorrectedOutput(e.target.value);
              changed();
            }}
            onKeyDown={leaveFieldOnEscape}
          />
        </FormField>
      ) : null}

      <div className="analysis-footer">
        <DecisionStatus
          outcome={tried}
          unmet={unmet}
          progress={progress}
          rationale={{ length: rationaleLength, min: policy.minRationaleChars }}
          here={attention.here}
          notice={currentNotice}
          pending={decision.pending}
        />
        <DecisionButtons onDecide={attempt} onRelease={release} pending={decision.pending} finishAfter={finishAfter} onFinishAfterChange={setFinishAfter} />
      </div>
    </form>
  );
}

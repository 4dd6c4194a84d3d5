/**
 * What Countersign tells its reviewers about the monitoring it does of their work. Art. 26(7) of
 * Regulation (EU) 2024/1689 obliges deployers who are employers to inform workers' representatives
 * and the affected workers before a high-risk AI system is put into service at the workplace; this
 * notice covers only what Countersign itself measures, and the deployer remains responsible for
 * that information and consultation. Every measure listed here is one the lead's dashboard
 * computes (modules/indicators, packages/shared/src/indicators.ts): nothing more, nothing less.
 * Changing the text means raising the version, so every reviewer is asked again.
 */
export const monitoringNoticeVersion = 1;

export type MonitoringNoticeSection = { heading: string; points: readonly string[] };

export const monitoringNotice: { title: string; intro: string; sections: readonly MonitoringNoticeSection[] } = {
  title: "What Countersign measures about your work",
  intro:
    "Countersign records every step of your reviews and computes indicators of rubber-stamping (automation bias) from them. " +
    "Your team lead sees these indicators; this page lists exactly what they are and why.",
  sections: [
    {
      heading: "What is recorded with each verification",
      points: [
        "When you claimed and decided the escalation, and the active review time the server credited from the review screen's heartbeats (time in a hidden or unfocused tab does not count).",
        "Your outcome, rationale, checklist answers, corrected output, which evidence you opened and marked as supporting.",
        "Your own verdict before the AI output was shown (judgement first), and whether you then switched to the AI's answer.",
        "Your answers to attention checks and, on gold items (escalations with a known correct answer), whether you reached it.",
        "How similar your rationale is to your recent rationales or to the AI output.",
        "Every claim, release and decision also lands in the audit log under your user id.",
      ],
    },
    {
      heading: "The indicators on the lead's dashboard, per reviewer beside the team",
      points: [
        "Active review time: your median against your peers' medians, and how many approvals land right at the minimum dwell time.",
        "Approval rate against your peers', the longest run of approvals in a row, and approval rates across the AI's confidence bands.",
        "Gold catch rate: how many known errors in gold items you caught.",
        "Evidence opened on items that had evidence.",
        "Rationales that closely repeat an earlier one.",
        "Agreement of your own verdicts with the AI, and how often you switched to the AI's answer after disagreeing.",
        "Time given to items later in the working day against earlier.",
        "Attention checks answered wrongly.",
      ],
    },
    {
      heading: "Why, and who sees it",
      points: [
        "The EU AI Act asks that people overseeing AI systems stay aware of automation bias (Art. 14(4)(b)); these indicators help your lead notice it.",
        "Each indicator that crosses a threshold is shown to leads and admins as a question for a conversation with you, with the decisions behind it — never as a verdict.",
        "Auditors see your verifications, with your name, in the proof packs they export; people who see the queue see your name on items you hold and when your lease ends, nothing of your pace.",
        "Your employer (the deployer) is responsible for informing and consulting workers' representatives about this monitoring (Art. 26(7)); ask them about it.",
      ],
    },
  ],
};

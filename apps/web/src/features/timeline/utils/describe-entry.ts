import { formatDateTime, formatDuration } from "@countersign/shared/format";
import type { RouterOutputs } from "../../../lib/trpc";

export type TimelineEntry = RouterOutputs["audit"]["timeline"][number];

const outcomeWords: Record<string, string> = {
  approved: "approved",
  modified: "modified the output",
  rejected: "rejected",
  escalated: "escalated further",
};

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Who acted, in words: a person's name, or what kind of machine actor it was. */
export function describeActor(entry: TimelineEntry): string {
  switch (entry.actorType) {
    case "user":
      return entry.actorName ?? "unknown user";
    case "ai_system":
      return "The AI system";
    case "server":
      return "Countersign";
    case "operator":
      return "An operator";
  }
}

/** What happened, in the product's words ("claimed", "opened evidence #2", "approved"). */
export function describeAction(entry: TimelineEntry): string {
  const p = entry.payload;
  switch (entry.action) {
    case "escalation.received":
      return "sent the escalation";
    case "escalation.claimed":
      return "claimed";
    case "escalation.released":
      return p.reason === "signed_out" ? "released it back to the queue by signing out" : "released it back to the queue";
    case "escalation.lease_expired":
      return "returned it to the queue: the lease expired";
    case "escalation.evidence_opened": {
      const index = num(p.evidenceIndex);
      return index === null ? "opened evidence" : `opened evidence #${index + 1}`;
    }
    case "escalation.judged":
      return `recorded their own judgement first: ${String(p.verdict ?? "?")}`;
    case "escalation.decided":
      return outcomeWords[String(p.outcome)] ?? `decided (${String(p.outcome)})`;
    case "escalation.verified":
    case "escalation.disputed": {
      const recorded = num(p.verificationsRecorded);
      const required = num(p.verificationsRequired);
      return `verified: ${String(p.outcome)}${recorded !== null && required !== null ? ` (${recorded} of ${required})` : ""}${entry.action === "escalation.disputed" ? ", disagreeing" : ""}`;
    }
    case "escalation.resolved":
      return p.basis === "own_verification"
        ? `resolved the disagreement with their own verification: ${outcomeWords[String(p.outcome)] ?? String(p.outcome)}`
        : `resolved the disagreement by adopting a verification: ${outcomeWords[String(p.outcome)] ?? String(p.outcome)}`;
    case "escalation.decision_fetched":
      return "fetched the decision for the first time";
    case "escalation.reopened": {
      const round = num(p.round);
      return round === null ? "reopened the decision for a new review round" : `reopened the decision of round ${round - 1}: back to review as round ${round}`;
    }
    case "legal_hold.placed":
      return `placed a legal hold: ${String(p.reason ?? "")}`;
    case "legal_hold.lifted":
      return `lifted the legal hold: ${String(p.reason ?? "")}`;
    case "affected_person_request.recorded":
      return p.kind === "human_intervention"
        ? "recorded an affected person's request for human intervention (GDPR Art. 22(3))"
        : "recorded an affected person's request for an explanation (AI Act Art. 86)";
    case "affected_person_request.reassigned":
      return "routed the affected person's request to someone else";
    case "affected_person_request.extended":
      return `extended the affected person's request's due date to ${typeof p.dueAt === "string" ? formatDateTime(p.dueAt) : "?"}`;
    case "affected_person_request.answered":
      return "answered the affected person's request";
    case "affected_person_request.answer_edited":
      return `changed the answer to the affected person's request (version ${String(p.version ?? "?")})`;
    case "affected_person_request.re_review_recorded":
      return p.status === "completed" ? "recorded the re-review's result" : "recorded that the decision goes back to review";
    default:
      return entry.action;
  }
}

/** Secondary facts worth a glance, from the entry's payload. */
export function describeDetails(entry: TimelineEntry): string[] {
  const p = entry.payload;
  const details: string[] = [];
  if (entry.action === "escalation.decided" || entry.action === "escalation.verified" || entry.action === "escalation.disputed") {
    const active = num(p.activeSeconds);
    if (active !== null) details.push(`${formatDuration(active)} of active attention`);
    const opened = Array.isArray(p.evidenceOpened) ? (p.evidenceOpened as unknown[]) : [];
    details.push(opened.length ? `evidence opened: ${opened.map((i) => `#${Number(i) + 1}`).join(", ")}` : "no evidence opened");
    if (p.checklist && typeof p.checklist === "object") {
      const answers = Object.values(p.checklist as Record<string, string>);
      const count = (a: string) => answers.filter((x) => x === a).length;
      details.push(`checklist: ${count("yes")} yes, ${count("no")} no, ${count("na")} n/a`);
    }
  }
  if (entry.action === "escalation.resolved") {
    if (typeof p.adoptedVerificationId === "string") details.push(`adopted verification ${p.adoptedVerificationId}`);
    if (typeof p.qualificationId === "string") details.push(`resolver's qualification in force (override): ${p.qualificationId}`);
  }
  if (entry.action === "escalation.claimed" && p.toResolve === true) details.push("taken up to resolve the disagreement");
  if (entry.action === "escalation.claimed" && typeof p.leaseExpiresAt === "string") {
    details.push(`lease until ${formatDateTime(p.leaseExpiresAt)}`);
  }
  return details;
}

import { UTCDate } from "@date-fns/utc";
import { format, formatDistanceStrict } from "date-fns";
import { triggerLabels } from "@countersign/shared/notifications";
import type { Fact } from "./facts";

export type Message = { subject: string; body: string };

/** A digest lists this many facts and counts the rest: a long list is read no better than a count. */
const listedAtMost = 20;

const noLinksNote =
  "Links need COUNTERSIGN_PUBLIC_URL: the server does not know its public address, so this message names the workbench's pages instead. Ask your admin to set it.";

/** A link into the workbench, or the page's path when the server does not know its public address. */
export function linkTo(path: string, publicUrl: string | undefined) {
  return publicUrl ? `${publicUrl}${path}` : path;
}

/**
 * The text of one message: one fact, or a digest of several. Plain text only; every fact says
 * where to act in the workbench, never offers to decide here.
 */
export function renderMessage(facts: Fact[], now: number, publicUrl: string | undefined): Message {
  const first = facts[0]!;
  const subject =
    facts.length === 1
      ? `Countersign: ${triggerLabels[first.trigger]}${first.systemName ? ` (${first.systemName})` : ""}`
      : `Countersign: ${facts.length} notifications`;
  const lines = facts.slice(0, listedAtMost).map((fact) => `- ${describe(fact, now)}\n  Open: ${linkTo(fact.path, publicUrl)}`);
  if (facts.length > listedAtMost) lines.push(`- …and ${facts.length - listedAtMost} more: ${linkTo("/queue", publicUrl)}`);
  const footer = [
    "Countersign never takes a decision from a message: a decision needs the analysis form in the workbench.",
    `Choose what you hear, how and how often: ${linkTo("/settings/notifications", publicUrl)}`,
    ...(publicUrl ? [] : [noLinksNote]),
  ];
  return { subject: oneLine(subject), body: [...lines, "", ...footer].join("\n") };
}

function describe(fact: Fact, now: number): string {
  const system = oneLine(fact.systemName ?? "an AI system");
  const since = (at: number) => formatDistanceStrict(at, now);
  const about = [fact.priority ? `priority ${fact.priority}` : null, fact.reasonCode ? `reason ${oneLine(fact.reasonCode)}` : null]
    .filter(Boolean)
    .join(", ");
  switch (fact.trigger) {
    case "urgent_waiting":
      return `An urgent escalation of ${system} has waited ${since(fact.waitingSince!)} for a reviewer (${about}).`;
    case "due_soon":
      return `An escalation of ${system} is due in ${since(fact.dueAt!)}, at ${when(fact.dueAt!)} (${about}).`;
    case "due_passed":
      return `An escalation of ${system} passed its due date ${since(fact.dueAt!)} ago, at ${when(fact.dueAt!)} (${about}).`;
    case "dispute_waiting":
      return `A two-person review of ${system} disagrees and has waited ${since(fact.waitingSince!)} for a lead to resolve it (${about}).`;
    case "drift_raised":
      return `A drift alert was raised for ${system}: its verification rate left the band the business case assumes.`;
    case "system_halted":
      return `${system} was halted: someone pressed stop.`;
    case "system_resumed":
      return `${system} was resumed after a halt.`;
    case "escalation_expired":
      return `An escalation of ${system} expired before anyone decided it.`;
    case "webhook_disabled":
      return `A webhook endpoint of ${system} was disabled: decisions are no longer pushed to it.`;
    case "decision_reopened":
      return `A decision you took on an escalation of ${system} was reopened by a person with the override authority: it is back in review as round ${fact.round ?? "?"}, for reviewers who did not verify it before. Your verification stays in the record, marked superseded (escalation ${oneLine(fact.escalationId ?? "")}).`;
    case "qualification_expiring":
      return `Your qualification for ${system} expires in ${since(fact.expiresAt!)}, at ${when(fact.expiresAt!)}: ask an admin to renew it.`;
  }
}

const when = (at: number) => format(new UTCDate(at), "yyyy-MM-dd HH:mm 'UTC'");

/** Text from outside (a system's name, a reason code) cannot add lines or headers to a message. */
function oneLine(text: string) {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ");
}

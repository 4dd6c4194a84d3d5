import type { Outcome } from "@countersign/shared/enums";
import type { EscalationInput } from "@countersign/shared/escalation";
import type { Rng } from "./random";

export type SystemKey = "refund" | "kyc";

/**
 * One generated historical escalation: the body its AI system sent, and what a careful reviewer
 * finds in it — the right outcome, the facts they would cite and why that outcome. Reviewers
 * compose their rationales from these, so every rationale is about its own item.
 */
export type Scenario = {
  body: Omit<EscalationInput, "externalId" | "model" | "dueAt">;
  /** What a careful reviewer decides about the AI output. */
  truth: Outcome;
  /** The corrected output when the truth is "modified": one text, so two verifiers can agree on it. */
  corrected?: string;
  /** The call a reviewer who gets it wrong makes instead. */
  alt: Outcome;
  /** Facts a reader of this item would cite: ids, amounts, dates. */
  facts: string[];
  /** Why each outcome, in this item's terms. */
  why: Partial<Record<Outcome, string[]>>;
  /** Judgement first: the one line a reviewer writes before the AI output is shown. */
  judge?: string;
  /** Hours after arrival that a decision is due. */
  dueInHours?: number;
  /** So plain that a careful reviewer never gets it wrong. */
  obvious?: boolean;
  /** Which of the system's models produced it, when it has several (KYC: documents, screening, faces). */
  modelKind?: "docvision" | "screening" | "facematch";
};

/** What a generator needs to know about the moment the item is sent. */
export type ScenarioContext = {
  rng: Rng;
  /** When the AI system sends it. */
  at: number;
  /** A running number the generator can use for order, ticket and applicant ids. */
  serial: number;
  /** The model version that produced it. */
  model: string;
};

export type ScenarioGenerator = (ctx: ScenarioContext) => Scenario;

/** A JSON object as a modified output: the reviewer's corrected text. */
export const correctedJson = (value: Record<string, unknown>) => JSON.stringify(value, null, 2);

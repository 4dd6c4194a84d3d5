import type { CreateSystemInput } from "@countersign/shared/admin";
import type { BusinessCase } from "@countersign/shared/cost-model";
import type { Role } from "@countersign/shared/enums";
import type { Authority } from "@countersign/shared/qualifications";
import type { SystemKey } from "./scenario";

/** Who works in the demo instance, on which AI systems, and how each reviewer works. */

export type DemoUser = { email: string; name: string; roles: Role[] };

/** The five accounts the demo prints first; then the extra reviewers whose history fills the dashboard. */
export const demoUsers: DemoUser[] = [
  { email: "admin@demo.local", name: "Amira Haddad", roles: ["admin"] },
  { email: "lead@demo.local", name: "Lena Fischer", roles: ["lead"] },
  { email: "reviewer@demo.local", name: "Tomás Rivera", roles: ["reviewer"] },
  { email: "reviewer2@demo.local", name: "Priya Natarajan", roles: ["reviewer"] },
  { email: "auditor@demo.local", name: "Margit Halvorsen", roles: ["auditor"] },
  { email: "jonas.becker@demo.local", name: "Jonas Becker", roles: ["reviewer"] },
  { email: "aiko.tanaka@demo.local", name: "Aiko Tanaka", roles: ["reviewer"] },
  { email: "samuel.okafor@demo.local", name: "Samuel Okafor", roles: ["reviewer"] },
];
export const adminEmail = "admin@demo.local";
export const leadEmail = "lead@demo.local";

/** A shift in UTC hours from the start of its day; the end may pass midnight (e.g. 23 → 31). */
export type Shift = readonly [number, number];

export type ReviewerProfile = {
  email: string;
  weekdays: Shift;
  /** Null: off at weekends. */
  weekends: Shift | null;
  /** How much of their time goes to each system they are qualified for. */
  weights: Record<SystemKey, number>;
  authority: Record<SystemKey, Authority[]>;
  /** Multiplies the time a careful read takes. */
  pace: number;
  /** Chance of making the right call on an item. */
  accuracy: number;
  /** Chance of opening the evidence on a refund item that has some (KYC evidence is always read). */
  evidenceRate: number;
  /** From this many days before the demo starts, the reviewer rubber-stamps refund items… */
  stampsFromDaysAgo?: number;
  /** …working these longer shifts through the surge, weekends included. */
  surge?: { weekdays: Shift; weekends: Shift };
};

const all: Authority[] = ["review", "override", "stop"];
const noStop: Authority[] = ["review", "override"];

export const reviewerProfiles: ReviewerProfile[] = [
  { email: "reviewer@demo.local", weekdays: [13, 22], weekends: [13, 21], weights: { refund: 3, kyc: 1 }, authority: { refund: all, kyc: all }, pace: 1, accuracy: 0.93, evidenceRate: 0.85 },
  { email: "reviewer2@demo.local", weekdays: [4, 12.5], weekends: [5, 12], weights: { refund: 1, kyc: 2 }, authority: { refund: all, kyc: all }, pace: 1.15, accuracy: 0.95, evidenceRate: 0.9 },
  {
    email: "jonas.becker@demo.local",
    weekdays: [7, 15.5],
    weekends: null,
    weights: { refund: 3, kyc: 1 },
    authority: { refund: noStop, kyc: noStop },
    pace: 0.85,
    accuracy: 0.9,
    evidenceRate: 0.7,
    stampsFromDaysAgo: 6,
    surge: { weekdays: [6.5, 19.5], weekends: [9, 16] },
  },
  { email: "aiko.tanaka@demo.local", weekdays: [22.5, 30.5], weekends: [23, 30], weights: { refund: 1, kyc: 1 }, authority: { refund: all, kyc: all }, pace: 0.95, accuracy: 0.93, evidenceRate: 0.8 },
  { email: "samuel.okafor@demo.local", weekdays: [9, 17.5], weekends: null, weights: { refund: 1, kyc: 2 }, authority: { refund: noStop, kyc: all }, pace: 1.1, accuracy: 0.94, evidenceRate: 0.85 },
];

export const training: Record<SystemKey, string> = {
  refund: "Refund triage reviewer training (4 h): refund policy and its exceptions, abuse and takeover patterns, the model's known limits, automation bias",
  kyc: "KYC document check training (2 days): document security features and PRADO, sanctions and PEP screening, face comparison, the two-person rule, automation bias",
};

export const systemSlugs: Record<SystemKey, string> = { refund: "refund-triage", kyc: "kyc-document-check" };

export const demoSystems: Record<SystemKey, CreateSystemInput> = {
  refund: {
    slug: systemSlugs.refund,
    name: "Refund triage",
    oversightMode: "HOTL",
    description:
      "Decides customer refund, replacement and goodwill requests from the support inbox. " +
      "Humans see the exceptions: low confidence, high value, abuse signals and policy edge cases.",
    policy: {
      checklist: [
        { id: "order-verified", text: "The order, amount and payment method match the customer's claim" },
        { id: "refund-policy", text: "The outcome follows the refund policy (window, condition, exclusions)" },
        { id: "abuse-signals", text: "Refund history and fraud signals were checked" },
        { id: "customer-message", text: "I read the customer's own message, not only the AI summary" },
      ],
      minRationaleChars: 40,
      minDwellSeconds: 20,
      dwellSecondsPer1000Chars: 4,
      leaseMinutes: 15,
      attentionCheckRate: 0.1,
      goldRate: 0.1,
      evidenceRequired: false,
    },
  },
  kyc: {
    slug: systemSlugs.kyc,
    name: "KYC document check",
    oversightMode: "HITL",
    description:
      "Checks identity documents, selfies and screening results when customers open an account. " +
      "Every onboarding decision is verified by two qualified people before it is returned to onboarding: the deployer's own four-eyes policy " +
      "(the two-person verification of EU AI Act Art. 14(5) is for remote biometric identification, which Annex III 1(a) says excludes identity verification like this).",
    policy: {
      checklist: [
        { id: "document-authentic", text: "Security features, template and MRZ of the document were checked" },
        { id: "identity-match", text: "Name, date of birth and face match the applicant" },
        { id: "document-valid", text: "The document is in date and an accepted type for the country" },
        { id: "screening-resolved", text: "Every sanctions and PEP screening hit is resolved and documented" },
        { id: "outcome-communicable", text: "The outcome can be explained to the applicant without tipping off fraud" },
      ],
      minRationaleChars: 40,
      minDwellSeconds: 30,
      leaseMinutes: 15,
      judgementFirst: true,
      evidenceRequired: true,
      requiredVerifications: 2,
      goldRate: 0.05,
    },
  },
};

/** The business cases the systems were approved on (the reference's numbers for refund triage). */
export const businessCases: Record<SystemKey, BusinessCase> = {
  refund: {
    currency: "EUR",
    manualCostPerItem: 6,
    aiCostPerItem: 0.5,
    reviewCost: { kind: "per_item", amount: 6 },
    assumedVerificationRate: 0.1,
    tolerance: 0.05,
    goldShare: 0,
    driftWindowHours: 24,
    driftMinSample: 100,
  },
  kyc: {
    currency: "EUR",
    manualCostPerItem: 14,
    aiCostPerItem: 1.2,
    reviewCost: { kind: "per_hour", hourlyRate: 54 },
    assumedVerificationRate: 1,
    tolerance: 0,
    goldShare: 0,
    driftWindowHours: 24,
    driftMinSample: 3,
  },
};

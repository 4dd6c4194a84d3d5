import type { EscalationInput } from "@countersign/shared/escalation";
import type { Scenario, SystemKey } from "./scenario";

/**
 * Gold items the admin adds: escalations whose AI output is known to be wrong, so the right
 * decision is to reject it. They are queued like any escalation; each reviewer's catch rate is
 * scored. Wave 1 goes in before go-live; wave 2 replaces it two weeks later, wave 3 yesterday.
 */
export type GoldDef = {
  system: SystemKey;
  wave: 1 | 2 | 3;
  notes: string;
  body: EscalationInput;
  /** How a careful reviewer reads it (the truth is always "rejected"). */
  scenario: Scenario;
};

const refund = (externalId: string, body: Omit<EscalationInput, "externalId" | "model">, model = "refund-triage-llm v3.1"): EscalationInput => ({
  externalId,
  model,
  ...body,
});

const v32 = "refund-triage-llm v3.2";

const gold = (system: SystemKey, wave: GoldDef["wave"], notes: string, body: EscalationInput, facts: string[], rejected: string): GoldDef => ({
  system,
  wave,
  notes,
  body,
  scenario: { body, truth: "rejected", alt: "approved", facts, why: { rejected: [rejected] }, judge: rejected.split(/[;:]/)[0]! },
});

export const goldDefs: GoldDef[] = [
  gold(
    "refund",
    1,
    "Refund is twice the order value: the model added a duplicated order line.",
    refund("rt-38512", {
      input: { orderId: "60412", product: "coffee grinder", amount: 79.9, currency: "EUR", request: "refund, arrived broken" },
      aiOutput: { decision: "refund", amount: 159.8, currency: "EUR", requireReturn: true, lines: 2 },
      confidence: 0.74,
      escalationReason: { code: "low_confidence", explanation: "Damage classifier unsure whether the grinder's fault is cosmetic." },
      contextSummary: "Coffee grinder (€79.90, one unit) arrived with a cracked hopper; the customer sent a photo and wants a refund. The model proposes a refund with a prepaid return.",
      evidence: [{ title: "Order 60412", content: "1 × coffee grinder, €79.90, paid by card." }],
      priority: "normal",
    }),
    ["Order 60412 has one grinder at €79.90.", "The proposal refunds €159.80 for two lines."],
    "The order has one grinder at €79.90 but the proposal refunds €159.80 for two lines; rejected, the refund would pay twice.",
  ),
  gold(
    "refund",
    1,
    "Return window long past: the model claims the request is within 30 days.",
    refund("rt-38577", {
      input: { orderId: "60588", product: "winter jacket", amount: 189, currency: "EUR", daysSinceDelivery: 104, condition: "worn" },
      aiOutput: { decision: "refund", amount: 189, currency: "EUR", requireReturn: true, note: "within the 30-day return window" },
      confidence: 0.81,
      escalationReason: { code: "policy_threshold", explanation: "Refund of outerwear requires a condition check." },
      contextSummary: "Worn winter jacket returned 104 days after delivery. The model says the return is within the window and proposes a full refund.",
      evidence: [{ title: "Delivery record", content: "Order 60588 delivered 104 days ago." }],
      priority: "low",
    }),
    ["Delivered 104 days ago; the jacket is worn."],
    "Day 104 is far outside the 30-day window, whatever the output says, and the jacket is worn; no refund.",
  ),
  gold(
    "refund",
    1,
    "Refund to a card added an hour earlier: the takeover pattern the model misses.",
    refund("rt-38643", {
      input: { orderId: "60733", amount: 529, currency: "EUR", refundTo: "card ••4410", originalPayment: "card ••8821", cardAddedHoursAgo: 1 },
      aiOutput: { decision: "refund", amount: 529, currency: "EUR", destination: "card ••4410" },
      confidence: 0.83,
      escalationReason: { code: "policy_threshold", explanation: "Tablet refund above €500." },
      contextSummary: "Refund of €529 for a returned tablet. The customer asks for it to go to a different card. The model approves the refund to the new card.",
      evidence: [{ title: "Account change log", content: "Password reset, email changed, card ••4410 added 1 hour ago, refund requested." }],
      priority: "high",
    }),
    ["The refund goes to card ••4410, added an hour ago after an email change."],
    "Password reset, new email, new card, then a refund to it: account takeover. Refunds go to the original card; rejected and flagged.",
  ),
  gold(
    "refund",
    2,
    "The customer asks to keep the item for a discount; the model refunds in full.",
    refund("rt-39564", {
      input: "Die Lampe ist ok, nur etwas dunkler als erwartet. Ich behalte sie, wenn ich 15 Euro zurückbekomme.",
      aiOutput: { decision: "refund", amount: 129, currency: "EUR", requireReturn: true, translation: "Customer wants a full refund." },
      confidence: 0.77,
      escalationReason: { code: "translation_uncertain", explanation: "German free text; the model translated it itself." },
      contextSummary: "German message about a floor lamp (€129). The model translated it and proposes a full refund with a return.",
      evidence: [{ title: "Order 63021", content: "1 × floor lamp, €129.00." }],
      priority: "normal",
    }, v32),
    ["The German message says the customer keeps the lamp for €15 back."],
    "The message says she keeps the lamp for €15 back; a €129 refund with a return is not what was asked. Rejected.",
  ),
  gold(
    "refund",
    2,
    "Twelve months refunded for a monthly subscription charged once.",
    refund("rt-39618", {
      input: { subscriptionId: "SUB-31877", plan: "Streaming Plus monthly", price: 14.99, chargedThisYear: 1, request: "refund last charge" },
      aiOutput: { decision: "refund", amount: 179.88, currency: "EUR", basis: "12 × 14.99" },
      confidence: 0.8,
      escalationReason: { code: "policy_threshold", explanation: "Subscription refunds need a person." },
      contextSummary: "The customer asks for last month's €14.99 back after cancelling. The model proposes a refund.",
      evidence: [{ title: "Billing history", content: "One charge: €14.99." }],
      priority: "low",
    }, v32),
    ["Billing shows one €14.99 charge; the proposal refunds €179.88."],
    "Only one €14.99 charge exists, yet the output refunds twelve months (€179.88); rejected.",
  ),
  gold(
    "refund",
    2,
    "No such order: a warranty claim for a product bought elsewhere.",
    refund("rt-39687", {
      input: "My robot vacuum from your competitor broke, your site says you honour warranties. Refund €399 please.",
      aiOutput: { decision: "refund", amount: 399, currency: "EUR", method: "original_payment" },
      confidence: 0.72,
      escalationReason: { code: "missing_evidence", explanation: "No order number in the message." },
      contextSummary: "Warranty refund request for a robot vacuum; no order found for this customer. The model proposes a refund to the original payment method.",
      evidence: [{ title: "Order search", content: "No orders for this email or phone number." }],
      priority: "normal",
    }, v32),
    ["No order for this customer; the vacuum was bought from another retailer."],
    "There is no order with us: the vacuum was bought elsewhere, so there is nothing to refund. Rejected.",
  ),
  gold(
    "kyc",
    1,
    "Expired passport the model reads as valid.",
    {
      externalId: "kyc-a7ee8c",
      model: "kyc-docvision 5.0",
      input: { applicantId: "APP-109204", documentType: "passport", issuingCountry: "IE", expiry: "2025-03-14" },
      aiOutput: { decision: "approve", checks: { mrz: "pass", expiry: "pass", faceMatch: 0.94 } },
      confidence: 0.71,
      escalationReason: { code: "low_confidence", explanation: "Face match confidence near the threshold on one frame." },
      contextSummary: "Irish passport; the model reads every check as passed and proposes approval.",
      evidence: [{ title: "Data page", content: "Date of expiry: 14 MAR 2025" }],
      priority: "normal",
    },
    ["The data page shows expiry 14 March 2025."],
    "The passport expired on 14 March 2025; the expiry check is wrong and the approval with it. Rejected.",
  ),
  gold(
    "kyc",
    1,
    "A sanctions hit with the same birth date and nationality, cleared as a false positive.",
    {
      externalId: "kyc-a7eeb7",
      model: "kyc-docvision 5.0 + screening 2.7",
      input: { applicantId: "APP-109377", documentType: "passport", issuingCountry: "CY", name: "Andrei Volkov", dateOfBirth: "1972-05-09" },
      aiOutput: { decision: "clear_false_positive", screening: { candidate: "Andrei VOLKOV", nameScore: 0.97, dobCandidate: "1972-05-09" } },
      confidence: 0.66,
      escalationReason: { code: "sanctions_near_match", explanation: "Name matches a sanctions entry at 0.97." },
      contextSummary: "Screening hit on a sanctions list; the model proposes clearing it as a false positive.",
      evidence: [{ title: "Screening hit", content: "Entry EU.3318.22. Andrei VOLKOV. DOB 1972-05-09. Nationality CY/RU." }],
      priority: "urgent",
    },
    ["Same name, same date of birth 1972-05-09 and nationality as the list entry."],
    "Name, date of birth and nationality all match the sanctions entry; this cannot be cleared. Rejected, sent to compliance.",
  ),
  gold(
    "kyc",
    2,
    "PEP approved although the expected volume is ten times what the declared income explains.",
    {
      externalId: "kyc-a7f1b3",
      model: "kyc-docvision 5.1 + screening 2.8",
      input: { applicantId: "APP-110291", documentType: "passport", issuingCountry: "AT", occupation: "deputy mayor" },
      aiOutput: { decision: "approve_with_edd", pep: { match: true, category: "domestic PEP" }, sourceOfFunds: "consistent" },
      confidence: 0.79,
      escalationReason: { code: "pep_match", explanation: "Domestic politically exposed person; enhanced due diligence is required before approval." },
      contextSummary: "Document checks pass. The applicant is a deputy mayor (domestic PEP). The model finds the source of funds consistent and proposes approval with EDD.",
      evidence: [{ title: "Source of funds questionnaire", content: "Salary €4,100 net/month. Expected monthly volume: €45,000, incoming transfers from a company in Cyprus." }],
      priority: "high",
    },
    ["Declared salary €4,100 a month against an expected €45,000 a month from Cyprus."],
    "Expected volume is ten times the declared income and comes from an offshore company; the source of funds is not consistent. Rejected, to compliance.",
  ),
  gold(
    "kyc",
    2,
    "Face match far below the threshold, reported as a match.",
    {
      externalId: "kyc-a7f1da",
      model: "kyc-facematch 2.4",
      input: { applicantId: "APP-110322", documentType: "national_id", issuingCountry: "BE", selfieProvided: true },
      aiOutput: { decision: "approve", faceMatchScore: 0.41, threshold: 0.8, liveness: "pass", note: "match" },
      confidence: 0.74,
      escalationReason: { code: "face_match_low", explanation: "Face match check returned an unusual score." },
      contextSummary: "Belgian ID card and a selfie; liveness passed. The model reports the faces as a match and proposes approval.",
      evidence: [{ title: "Side-by-side comparison", url: "https://kyc.example.com/cases/APP-110322/face-compare" }],
      priority: "normal",
    },
    ["Face match 0.41 against a 0.80 threshold."],
    "A score of 0.41 is far below the 0.80 threshold, and the faces differ side by side; the 'match' is wrong. Rejected.",
  ),
  gold(
    "refund",
    3,
    "The customer already won a chargeback for this order; the model refunds it a second time.",
    refund("rt-40034", {
      input: { orderId: "63310", product: "air fryer", amount: 129, currency: "EUR", request: "refund, stopped heating" },
      aiOutput: { decision: "refund", amount: 129, currency: "EUR", method: "original_payment" },
      confidence: 0.8,
      escalationReason: { code: "policy_threshold", explanation: "Appliance refund without a return needs a person." },
      contextSummary: "Air fryer (€129.00) stopped heating after a month; the customer asks for a refund. The model proposes a refund to the original card.",
      evidence: [{ title: "Payments", content: "Chargeback 13.1 on order 63310: decided for the cardholder, €129.00 returned by the issuer." }],
      priority: "normal",
    }, v32),
    ["The issuer already returned €129.00 through a chargeback on order 63310."],
    "The chargeback already returned the €129.00 to the customer; a refund would pay twice. Rejected.",
  ),
  gold(
    "kyc",
    3,
    "A driving licence accepted as the identity document where onboarding needs a passport or ID card.",
    {
      externalId: "kyc-a7f2bd",
      model: "kyc-docvision 5.1",
      input: { applicantId: "APP-110336", documentType: "driving_licence", issuingCountry: "GB", residence: "DE" },
      aiOutput: { decision: "approve", checks: { template: "pass", expiry: "pass", faceMatch: 0.93 } },
      confidence: 0.84,
      escalationReason: { code: "document_mismatch", explanation: "Address on the licence differs from the application." },
      contextSummary: "UK driving licence, genuine and in date, for an applicant living in Germany. The model proposes approval.",
      evidence: [{ title: "Accepted documents (internal)", content: "Onboarding: passport or national identity card only. Driving licences are accepted as proof of address." }],
      priority: "low",
    },
    ["The only identity document is a UK driving licence."],
    "Driving licences are not accepted as the identity document for onboarding, only as proof of address; the approval is wrong. Rejected.",
  ),
];

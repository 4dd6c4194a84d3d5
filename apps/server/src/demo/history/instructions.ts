import type { InstructionsForUse } from "@countersign/shared/instructions";
import type { SystemKey } from "./scenario";

/**
 * The providers' instructions for use of the demo systems (EU AI Act Art. 13), as the admin
 * recorded them at set-up: what reviewers read, collapsed, on the review screen.
 */
export const demoInstructions: Record<SystemKey, InstructionsForUse> = {
  refund: {
    provider: "Northwind Support AI B.V. (refund-llm)",
    providerContact: "ai-compliance@northwind-support.example · +31 20 555 0142 · Herengracht 1, 1015 BA Amsterdam",
    intendedPurpose:
      "Proposes a decision (refund, replacement, goodwill credit or rejection) on customer refund requests from the support inbox, " +
      "for orders up to EUR 500 in the EU shops. Not intended for B2B orders, chargebacks or claims involving personal injury.",
    knownLimitations:
      "Confidence is poorly calibrated below 0.6. Photos taken in low light or of reflective items (glass, chrome) are often misread as undamaged. " +
      "The model does not see the customer's full order history beyond 12 months and under-weights repeated claims on different accounts. " +
      "Since model version refund-llm-2026-11 it escalates more requests than the business case assumed.",
    oversightInstructions:
      "Read the customer's own message and the evidence before the AI output. Check the order, amount and payment method against the claim; " +
      "check the refund history for abuse signals. Reject or modify when the photo does not show the damage claimed. " +
      "Escalate further any claim mentioning injury, a legal threat or a journalist. When in doubt, do not approve: the customer waits, nobody is harmed.",
  },
  kyc: {
    provider: "IdentiCheck GmbH (DocVerify 4)",
    providerContact: "compliance@identicheck.example · +49 30 555 0199 · Friedrichstraße 100, 10117 Berlin",
    intendedPurpose:
      "Checks identity documents, a selfie and sanctions/PEP screening results when a customer opens an account, and proposes accept, " +
      "reject or refer. Identity verification of a person who wants to be identified: not remote biometric identification.",
    knownLimitations:
      "Document templates of Moldova, Georgia and Ukraine issued before 2015 are under-represented in training; expect more false rejections. " +
      "Face comparison is less accurate on selfies under strong backlight and for applicants over 75. Screening hits on transliterated names " +
      "(Cyrillic, Arabic) produce false matches the model cannot resolve.",
    oversightInstructions:
      "Record your own judgement before the AI output is shown. Check security features, template and MRZ against the PRADO entry, compare " +
      "the face yourself, and resolve every screening hit with its source. Two qualified reviewers verify each onboarding decision separately " +
      "(the deployer's four-eyes policy); a disagreement goes to the lead.",
  },
};

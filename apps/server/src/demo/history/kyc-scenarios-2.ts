import { day, isoDay } from "./random";
import { applicantId, caseUrl, person } from "./kyc-scenarios-1";
import { round2 } from "./refund-scenarios-1";
import { correctedJson, type ScenarioGenerator } from "./scenario";

/** KYC document check, part 2: PEPs, addresses, age, MRZ misreads, duplicates and new designs. */

export const pepMatch: ScenarioGenerator = ({ rng, serial }) => {
  const p = person(rng);
  const role = rng.pick(["municipal councillor", "regional parliament member", "board member of a state-owned utility", "deputy mayor"]);
  const questionnaire = rng.chance(0.65);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "passport", issuingCountry: p.country, occupation: role },
      aiOutput: { decision: "approve_with_edd", pep: { match: true, category: "domestic PEP", role } },
      confidence: round2(rng.between(0.7, 0.85)),
      escalationReason: { code: "pep_match", explanation: "Domestic politically exposed person; enhanced due diligence is required before approval." },
      contextSummary:
        `Document checks pass. The applicant is a ${role} (domestic PEP). Policy: approve only with enhanced due diligence (source of funds questionnaire). ` +
        `The model suggests approval with EDD; ${questionnaire ? "the questionnaire is attached" : "no questionnaire is on file yet"}.`,
      evidence: questionnaire
        ? [{ title: "Source of funds questionnaire", content: `Salary €${rng.int(3, 6)},${rng.int(100, 900)} net/month; role allowance €${rng.int(300, 900)}/month. Expected monthly volume under €${rng.int(4, 9)},000.` }]
        : [{ title: "EDD checklist", url: "https://wiki.example.com/kyc/edd" }],
      priority: "high",
    },
    modelKind: "screening",
    truth: questionnaire ? "approved" : "modified",
    corrected: correctedJson({ decision: "hold", pending: "source of funds questionnaire", note: "approve with EDD once received" }),
    alt: questionnaire ? "escalated" : "approved",
    judge: questionnaire ? "Domestic PEP, low tier; funds explained by salary and allowance." : "PEP without a source-of-funds questionnaire: cannot approve yet.",
    facts: [`${p.name} is a ${role}.`, questionnaire ? "Source of funds questionnaire on file and plausible." : "No source of funds questionnaire yet."],
    why: {
      approved: ["Low-tier domestic PEP with funds explained by salary; approve with EDD as proposed."],
      modified: ["EDD is not complete without the questionnaire; on hold until it arrives."],
      escalated: ["Sent to compliance for senior sign-off on the PEP."],
    },
  };
};

export const proofOfAddressOld: ScenarioGenerator = ({ rng, at, serial }) => {
  const monthsOld = rng.int(4, 9);
  const bill = rng.pick(["electricity bill", "bank statement", "water bill", "council tax letter"]);
  return {
    body: {
      input: { applicantId: applicantId(serial), proofOfAddress: bill, documentDate: isoDay(at - monthsOld * 30 * day) },
      aiOutput: `Reject the application: the ${bill} is ${monthsOld} months old, past the 3-month limit.`,
      confidence: round2(rng.between(0.6, 0.78)),
      escalationReason: { code: "address_mismatch", explanation: "Proof of address older than the 3-month limit." },
      contextSummary: `The identity document is fine. The ${bill} is ${monthsOld} months old; the address matches. A recent document can be requested without rejecting the whole application.`,
      evidence: [{ title: "Proof of address", url: caseUrl(serial, "address.pdf") }],
      priority: "low",
    },
    modelKind: "docvision",
    truth: "modified",
    corrected: correctedJson({ decision: "request_document", document: "proof of address, at most 3 months old" }),
    alt: "approved",
    judge: "Only the address proof is stale; the identity is fine. Ask for a recent one.",
    facts: [`${bill} dated ${monthsOld} months ago; address matches.`],
    why: {
      modified: ["Only the proof of address is too old: I asked for a recent one instead of rejecting the application."],
      approved: ["Old proof of address: rejection as proposed."],
    },
  };
};

export const ageThreshold: ScenarioGenerator = ({ rng, at, serial }) => {
  const weeks = rng.int(1, 20);
  const birthday = isoDay(at + weeks * 7 * day);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "national_id", turns18On: birthday },
      aiOutput: { decision: "reject", reason: "applicant is under 18", turns18On: birthday },
      confidence: round2(rng.between(0.9, 0.98)),
      escalationReason: { code: "age_threshold", explanation: "Rejections are confirmed by a person." },
      contextSummary: `Genuine, in-date ID card. The applicant turns 18 on ${birthday}. Minors cannot open this account type; reject and tell them when they can reapply.`,
      evidence: [{ title: "Document front", url: caseUrl(serial, "front.jpg") }],
      priority: "low",
    },
    modelKind: "docvision",
    truth: "approved",
    alt: "modified",
    corrected: correctedJson({ decision: "reject", reason: "under 18", reapplyFrom: birthday }),
    judge: `Turns 18 on ${birthday}: cannot open the account before then.`,
    facts: [`The applicant turns 18 on ${birthday}.`],
    why: {
      approved: [`Under 18 until ${birthday}; rejection stands and the reply says when to reapply.`],
      modified: ["Added the reapply date to the rejection."],
    },
  };
};

export const mrzChecksum: ScenarioGenerator = ({ rng, serial }) => {
  const [shown, misread] = rng.pick([["4", "7"], ["8", "B"], ["0", "O"], ["1", "7"]] as const);
  const realFailure = rng.chance(0.3);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "passport", issuingCountry: rng.pick(["SE", "FI", "DK", "NO"]) },
      aiOutput: { decision: "reject", checks: { mrzChecksum: "fail", field: "date of expiry", expected: shown, found: misread } },
      confidence: round2(rng.between(0.6, 0.78)),
      escalationReason: { code: "mrz_checksum_failed", explanation: "The check digit for the expiry date in the MRZ does not match." },
      contextSummary: `One MRZ check digit fails. Often an OCR misread (${shown} and ${misread} look alike in OCR-B at low resolution) rather than a forgery. Read the MRZ from the image yourself.`,
      evidence: [{ title: "MRZ crop (zoomed)", url: caseUrl(serial, "mrz.png") }],
      priority: "normal",
    },
    modelKind: "docvision",
    truth: realFailure ? "approved" : "rejected",
    alt: realFailure ? "rejected" : "approved",
    judge: realFailure ? `The printed digit really is ${misread}: the checksum genuinely fails.` : `The digit is a ${shown} on the image; the OCR misread it.`,
    facts: [`MRZ expiry check digit: expected ${shown}, OCR read ${misread}.`],
    why: {
      rejected: [`Zoomed in, the digit is a ${shown}; the checksum passes and the rejection is wrong.`],
      approved: [`The printed digit is ${misread}, so the MRZ is inconsistent; rejection stands.`],
    },
  };
};

export const duplicateIdentity: ScenarioGenerator = ({ rng, serial }) => {
  const p = person(rng);
  const existing = `CUS-${40_000 + (serial % 900)}`;
  const typo = rng.chance(0.3);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "passport", issuingCountry: p.country, name: p.name },
      aiOutput: { decision: "reject", duplicate: { existingCustomer: existing, existingName: "different person" } },
      confidence: round2(rng.between(0.8, 0.92)),
      escalationReason: { code: "duplicate_identity", explanation: "The same document number is already linked to another customer with a different name." },
      contextSummary: "The document number is already on file for an existing customer with a different name: a data-entry error on the old record, or a forged document reusing a real number. Compare both records.",
      evidence: [
        { title: `Existing customer record ${existing}`, url: `https://kyc.example.com/customers/${existing}` },
        { title: "New upload", url: caseUrl(serial, "front.jpg") },
      ],
      priority: "high",
    },
    modelKind: "docvision",
    truth: typo ? "rejected" : "escalated",
    alt: typo ? "escalated" : "approved",
    judge: typo ? `${existing}'s number was keyed with two digits swapped; this applicant's document is genuine.` : "Two different people on one passport number: possible forgery.",
    facts: [`Document number already on ${existing}.`],
    why: {
      escalated: ["The two documents differ in photo and layout; sent to the fraud team."],
      rejected: [`${existing} has a keying error in its number; this document is genuine, so no rejection, and the old record gets corrected.`],
    },
  };
};

export const newDocumentDesign: ScenarioGenerator = ({ rng, serial }) => {
  const country = rng.pick([["IT", "CIE 3.0 (2026 design)"], ["PT", "Cartão de Cidadão (2026)"], ["FR", "CNIe (2026 series)"]] as const);
  const genuine = rng.chance(0.75);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "national_id", issuingCountry: country[0], cardVersion: country[1] },
      aiOutput: { decision: "approve", checks: { template: "unknown", mrz: "pass", chip: "not read" } },
      confidence: round2(rng.between(0.2, 0.36)),
      escalationReason: { code: "out_of_distribution", explanation: "The card design matches no template the model was trained on." },
      contextSummary: `A ${country[1]} card the model has not seen. The MRZ is valid, but the template check could not run, so the model's 'approve' is unreliable. Check the security features against PRADO yourself.`,
      evidence: [{ title: `PRADO: ${country[0]} identity cards`, url: "https://www.consilium.europa.eu/prado/en/search-by-document-country.html" }, { title: "Document front and back", url: caseUrl(serial, "both-sides.jpg") }],
      priority: "normal",
    },
    modelKind: "docvision",
    truth: genuine ? "approved" : "escalated",
    alt: genuine ? "escalated" : "approved",
    judge: genuine ? "Hologram, MLI and microtext match the PRADO entry for the new design." : "The hologram does not change colour as PRADO describes; needs a document expert.",
    facts: [`New ${country[1]} design, template unknown to the model.`],
    why: {
      approved: ["Checked the security features against PRADO by hand: they match, so the approval stands."],
      escalated: ["The security features do not match PRADO; sent to the document experts."],
    },
  };
};

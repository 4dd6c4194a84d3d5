import type { DemoEscalation } from "./types";

/** KYC document check, part 1 (HITL: every onboarding decision is reviewed by a person). */
export const kycEscalations1: DemoEscalation[] = [
  {
    externalId: "kyc-a7f301",
    receivedMinutesAgo: 20,
    input: { applicantId: "APP-118203", documentType: "passport", issuingCountry: "UA", nameOnApplication: "Alexander Ivanov", dateOfBirth: "1989-04-17" },
    aiOutput: {
      decision: "request_resubmission",
      extracted: { surname: "IVANOV", givenNames: "OLEKSANDR", dateOfBirth: "1989-04-17", documentNumber: "FX402913", expiry: "2031-02-08" },
      checks: { mrz: "pass", expiry: "pass", nameMatch: "fail" },
    },
    confidence: 0.62,
    model: "kyc-docvision 5.1",
    escalationReason: {
      code: "document_mismatch",
      explanation: "Given name on the document (OLEKSANDR) differs from the application (Alexander); similarity 0.64.",
    },
    contextSummary:
      "Ukrainian passport, otherwise clean (MRZ valid, in date, photo matches selfie at 0.93). The given name is the Ukrainian transliteration 'Oleksandr' while the applicant typed 'Alexander'. " +
      "This is a common transliteration difference, not necessarily a different person. Decide whether to accept with the passport spelling.",
    evidence: [
      { title: "OCR extraction", content: "P<UKRIVANOV<<OLEKSANDR<<<<<<<<<<<<<<<<<<<<<<\nFX402913<9UKR8904171M3102085<<<<<<<<<<<<<<04" },
      { title: "Transliteration guidance (internal)", url: "https://wiki.example.com/kyc/transliteration" },
    ],
    priority: "normal",
  },
  {
    externalId: "kyc-a7f309",
    receivedMinutesAgo: 55,
    dueInHours: 4,
    input: { applicantId: "APP-118219", documentType: "national_id", issuingCountry: "DE", name: "Viktor Petrenko", dateOfBirth: "1971-09-02" },
    aiOutput: { decision: "hold", screening: { list: "EU consolidated sanctions list", candidate: "Viktor PETRENKO", nameScore: 0.87, dobCandidate: "1968" } },
    confidence: 0.55,
    model: "kyc-docvision 5.1 + screening 2.8",
    escalationReason: {
      code: "sanctions_near_match",
      explanation: "Name matches an EU sanctions list entry at 0.87; the listed year of birth (1968) differs by 3 years.",
    },
    contextSummary:
      "German ID card, document checks all pass. Screening found a near match on the EU consolidated list: same name, listed birth year 1968 versus 1971, listed nationality RU versus DE. " +
      "Onboarding must stay on hold until a person confirms this is a false positive, or escalates to compliance.",
    evidence: [
      { title: "Screening hit", content: "List: EU consolidated financial sanctions. Entry EU.4471.22. Name: Viktor PETRENKO. DOB: 1968. Nationality: RU. Listed 2022-04-08." },
      { title: "EU sanctions map", url: "https://www.sanctionsmap.eu/" },
    ],
    priority: "urgent",
  },
  {
    externalId: "kyc-a7f314",
    receivedMinutesAgo: 130,
    input: { applicantId: "APP-118240", documentType: "national_id", issuingCountry: "ES", expiry: "2026-11-10" },
    aiOutput: { decision: "reject", reason: "document expired 12 days ago", checks: { mrz: "pass", expiry: "fail", faceMatch: 0.91 } },
    confidence: 0.91,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "expired_document", explanation: "The identity card expired on 2026-11-10; rejections are always confirmed by a person." },
    contextSummary:
      "Spanish DNI expired 12 days ago; everything else checks out. Our policy does not accept expired documents, so rejection with a request for a valid document is expected. " +
      "Note: Spain sometimes extends DNI validity by decree; no such extension applies this year.",
    priority: "normal",
  },
  {
    externalId: "kyc-a7f322",
    receivedMinutesAgo: 200,
    input: "Applicant APP-118255 uploaded a driving licence photographed under a desk lamp; the lower third is overexposed.",
    aiOutput: "Unable to read the date of birth and licence number reliably (OCR confidence 0.31). Recommend asking the applicant to upload a new photo in daylight without flash.",
    confidence: 0.29,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "image_quality", explanation: "Glare covers the date of birth and document number fields; OCR confidence 0.31." },
    contextSummary:
      "Italian driving licence with strong glare over the personal data fields. The model could not read the date of birth or document number. " +
      "Either read them yourself from the image if they are legible to a person, or request a new upload.",
    evidence: [{ title: "Uploaded image (front)", url: "https://kyc.example.com/cases/APP-118255/front.jpg" }],
    priority: "low",
  },
  {
    externalId: "kyc-a7f330",
    receivedMinutesAgo: 290,
    input: { applicantId: "APP-118261", documentType: "passport", issuingCountry: "FR", selfieProvided: true },
    aiOutput: { decision: "manual_check", faceMatchScore: 0.71, threshold: 0.8, liveness: "pass", notes: "glasses in selfie, not in passport photo" },
    confidence: 0.48,
    model: "kyc-facematch 2.4",
    escalationReason: { code: "face_match_low", explanation: "Selfie to document face match 0.71, below the 0.80 threshold; liveness passed." },
    contextSummary:
      "French passport (issued 2019) and a selfie with thick-framed glasses and a beard that the passport photo does not show. Liveness passed. " +
      "Compare the faces yourself; if unsure, ask for a selfie without glasses rather than rejecting.",
    evidence: [
      { title: "Side-by-side comparison", url: "https://kyc.example.com/cases/APP-118261/face-compare" },
      { title: "Face match model card", url: "https://wiki.example.com/models/kyc-facematch-2.4" },
    ],
    priority: "normal",
  },
  {
    externalId: "kyc-a7f338",
    receivedMinutesAgo: 370,
    input: { applicantId: "APP-118277", documentType: "national_id", issuingCountry: "NL", dateOfBirth: "1994-06-30" },
    aiOutput: {
      decision: "reject",
      findings: ["font of the date-of-birth field differs from the template (kerning, stroke width)", "pixel noise around the DOB field inconsistent with the rest of the card"],
      tamperScore: 0.83,
    },
    confidence: 0.83,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "tampering_suspected", explanation: "Tamper score 0.83 localised on the date-of-birth field." },
    contextSummary:
      "Dutch ID card whose date-of-birth field looks edited: different font weight and compression noise around the digits only. The MRZ date of birth (940630) matches the printed one, " +
      "which an editor could also have changed. If you agree it is tampered, reject and flag for fraud; do not tell the applicant why.",
    evidence: [
      { title: "Tamper heatmap", url: "https://kyc.example.com/cases/APP-118277/tamper-heatmap.png" },
      { title: "PRADO template NLD-BO-05001", url: "https://www.consilium.europa.eu/prado/en/NLD-BO-05001/index.html" },
    ],
    priority: "high",
  },
  {
    externalId: "kyc-a7f345",
    receivedMinutesAgo: 460,
    input: { applicantId: "APP-118290", documentType: "passport", issuingCountry: "AT", occupation: "municipal councillor" },
    aiOutput: { decision: "approve_with_edd", pep: { match: true, category: "domestic PEP", role: "member of a municipal council", since: "2020" } },
    confidence: 0.77,
    model: "kyc-docvision 5.1 + screening 2.8",
    escalationReason: { code: "pep_match", explanation: "Applicant matches a domestic politically exposed person; enhanced due diligence is required before approval." },
    contextSummary:
      "Austrian passport, all document checks pass. The applicant is a municipal councillor (domestic PEP, low tier). Policy: approve only with enhanced due diligence " +
      "(source of funds questionnaire) and senior sign-off. The model suggests approval with EDD; confirm the questionnaire is attached.",
    evidence: [{ title: "Source of funds questionnaire", content: "Salary (teacher) €3,900 net/month; councillor allowance €620/month. Expected monthly volume: under €5,000." }],
    priority: "high",
  },
  {
    externalId: "kyc-a7f351",
    receivedMinutesAgo: 560,
    input: { applicantId: "APP-118302", documentType: "residence_permit", issuingCountry: "CH", applicantNationality: "BR" },
    aiOutput: { decision: "reject", reason: "document type not on the accepted list for onboarding" },
    confidence: 0.4,
    model: "kyc-docvision 5.1",
    escalationReason: {
      code: "unsupported_document_type",
      explanation: "Swiss residence permit (type B) is not in the model's accepted document list.",
    },
    contextSummary:
      "Brazilian national living in Switzerland uploaded a Swiss B permit. Our policy accepts foreign residence permits only together with a passport. " +
      "Instead of rejecting, ask for the passport as well; the permit can serve as proof of address.",
    priority: "normal",
  },
  {
    externalId: "kyc-a7f358",
    receivedMinutesAgo: 700,
    input: { applicantId: "APP-118315", proofOfAddress: "electricity bill", billDate: "2026-07-02", address: "Rua das Flores 21, 4050-265 Porto" },
    aiOutput: "Reject the proof of address: the bill is dated 2026-07-02, more than three months ago. The address matches the application.",
    confidence: 0.68,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "address_mismatch", explanation: "Proof of address older than the 3-month limit." },
    contextSummary:
      "Portuguese applicant; the identity document is fine. The proof of address is an electricity bill from early July, older than our 3-month limit, though the address matches. " +
      "Request a recent document; this does not need a rejection of the whole application.",
    priority: "low",
  },
  {
    externalId: "kyc-a7f366",
    receivedMinutesAgo: 840,
    input: { applicantId: "APP-118322", documentType: "national_id", issuingCountry: "BE", dateOfBirth: "2008-12-19" },
    aiOutput: { decision: "reject", reason: "applicant is under 18", ageYears: 17.9 },
    confidence: 0.95,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "age_threshold", explanation: "Applicant turns 18 on 2026-12-19; rejections are confirmed by a person." },
    contextSummary:
      "Belgian ID card, genuine and in date. The applicant is 17 and turns 18 in about four weeks. Minors cannot open this account type. " +
      "Reject, and tell the applicant they can reapply from 19 December.",
    priority: "low",
  },
];

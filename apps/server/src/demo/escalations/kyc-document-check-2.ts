import type { DemoEscalation } from "./types";

/** KYC document check, part 2: older items, screening hits and fraud patterns. */
export const kycEscalations2: DemoEscalation[] = [
  {
    externalId: "kyc-a7f372",
    receivedMinutesAgo: 980,
    input: { applicantId: "APP-118340", documentType: "passport", issuingCountry: "PL", documentNumber: "EK7730214" },
    aiOutput: { decision: "reject", duplicate: { documentNumber: "EK7730214", existingCustomer: "CUS-40211", existingName: "different person" } },
    confidence: 0.87,
    model: "kyc-docvision 5.1",
    escalationReason: {
      code: "duplicate_identity",
      explanation: "The same passport number is already linked to another customer with a different name and date of birth.",
    },
    contextSummary:
      "Polish passport whose number is already on file for an existing customer with a different name. Either a data-entry error on the old record, or a forged document reusing a real number. " +
      "Compare both records' images before deciding; if the documents differ, treat it as fraud.",
    evidence: [
      { title: "Existing customer record CUS-40211", url: "https://kyc.example.com/customers/CUS-40211" },
      { title: "New upload", url: "https://kyc.example.com/cases/APP-118340/front.jpg" },
    ],
    priority: "high",
  },
  {
    externalId: "kyc-a7f379",
    receivedMinutesAgo: 1120,
    input: { applicantId: "APP-118351", documentType: "national_id", issuingCountry: "IT", cardVersion: "CIE 3.0 (2026 design)" },
    aiOutput: { decision: "approve", checks: { template: "unknown", mrz: "pass", chip: "not read" } },
    confidence: 0.26,
    model: "kyc-docvision 5.1",
    escalationReason: {
      code: "out_of_distribution",
      explanation: "The card design does not match any template the model was trained on (new Italian CIE layout issued since 2026-09).",
    },
    contextSummary:
      "Italian electronic ID card in the new 2026 design, which the model has not seen. The MRZ is valid, but the visual template check could not run. " +
      "The model's 'approve' is unreliable here. Check the security features against the PRADO entry yourself.",
    evidence: [{ title: "PRADO: Italy, identity cards", url: "https://www.consilium.europa.eu/prado/en/prado-documents/ITA/B/docs-per-type.html" }],
    priority: "normal",
  },
  {
    externalId: "kyc-a7f384",
    receivedMinutesAgo: 1300,
    input: { applicantId: "APP-118360", documentType: "passport", issuingCountry: "SE" },
    aiOutput: { decision: "reject", checks: { mrzChecksum: "fail", field: "date of expiry", expected: "4", found: "7" } },
    confidence: 0.72,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "mrz_checksum_failed", explanation: "The check digit for the expiry date in the MRZ does not match." },
    contextSummary:
      "Swedish passport where one MRZ check digit fails. Often this is an OCR misread (4 and 7 look alike in OCR-B at low resolution) rather than a forgery. " +
      "Read the MRZ from the image yourself; if the digit is a 4, the document passes.",
    evidence: [{ title: "MRZ crop (zoomed)", url: "https://kyc.example.com/cases/APP-118360/mrz.png" }],
    priority: "normal",
  },
  {
    externalId: "kyc-a7f390",
    receivedMinutesAgo: 1500,
    input: { applicantId: "APP-118377", documentType: "driving_licence", issuingCountry: "GB", dateOfBirthOnApplication: "1990-07-03" },
    aiOutput: { decision: "request_resubmission", extracted: { dateOfBirth: "1990-03-07" }, mismatch: "day and month swapped" },
    confidence: 0.57,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "document_mismatch", explanation: "Date of birth on the licence (07.03.1990) differs from the application (1990-07-03)." },
    contextSummary:
      "UK driving licence: the date of birth differs from the application only by day and month being swapped, a classic US-format entry mistake. " +
      "Name, photo and address all match. Accept with the date from the document and correct the application, or ask the applicant to confirm.",
    priority: "low",
  },
  {
    externalId: "kyc-a7f396",
    receivedMinutesAgo: 1720,
    dueInHours: 8,
    input: { applicantId: "APP-118390", documentType: "passport", issuingCountry: "GB", name: "Mohammed Ali", dateOfBirth: "1985-01-15" },
    aiOutput: { decision: "hold", screening: { hits: 14, bestScore: 0.79, bestCandidate: "Mohammed ALI (DOB 1979, nationality SO)" } },
    confidence: 0.35,
    model: "kyc-docvision 5.1 + screening 2.8",
    escalationReason: {
      code: "sanctions_near_match",
      explanation: "A very common name produces 14 screening hits; none matches on date of birth and nationality.",
    },
    contextSummary:
      "British passport holder with a very common name: 14 screening hits, the best at 0.79 on name only. None shares the date of birth (1985-01-15) or British nationality. " +
      "Discount the hits one by one using the secondary identifiers; document why each is a false positive.",
    evidence: [
      { title: "Screening hits (14)", url: "https://kyc.example.com/cases/APP-118390/screening" },
      { title: "UK sanctions list search", url: "https://www.gov.uk/government/publications/the-uk-sanctions-list" },
    ],
    priority: "high",
  },
  {
    externalId: "kyc-a7f401",
    receivedMinutesAgo: 1980,
    input: "Passport of applicant APP-118402 (IE) carries a handwritten observation on page 5: 'Holder also known as Siobhán Ní Bhriain'.",
    aiOutput: "Approve. The observation page gives an Irish-language form of the applicant's name; this is an official endorsement, not an alteration.",
    confidence: 0.44,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "low_confidence", explanation: "Handwriting on an observations page is rare in the training data; OCR confidence 0.38." },
    contextSummary:
      "Irish passport with an official observation giving the Irish-language version of the name. The applicant used the English form (Siobhan O'Brien). " +
      "The observation looks stamped and signed. Confirm it is an official endorsement and approve with the English form.",
    evidence: [{ title: "Observations page", url: "https://kyc.example.com/cases/APP-118402/page5.jpg" }],
    priority: "normal",
  },
  {
    externalId: "kyc-a7f407",
    receivedMinutesAgo: 2200,
    input: { applicantId: "APP-118411", documentType: "passport", issuingCountry: "DK", expiry: "2026-12-12" },
    aiOutput: { decision: "approve", warning: "document expires in 20 days" },
    confidence: 0.8,
    model: "kyc-docvision 5.1",
    escalationReason: {
      code: "expiring_document",
      explanation: "The passport is valid today but expires within 30 days; policy asks a person to decide whether to request the renewed document.",
    },
    contextSummary:
      "Danish passport, valid for 20 more days; all checks pass. Policy allows onboarding with a document valid on the day, but we must collect the new one at expiry. " +
      "Approve and set a document-refresh reminder, unless the account type needs 3 months' validity (it does not for a standard account).",
    priority: "low",
  },
  {
    externalId: "kyc-a7f412",
    receivedMinutesAgo: 2600,
    dueInHours: -3,
    input: { applicantId: "APP-118425", documentType: "national_id", issuingCountry: "FR", selfieVideoSeconds: 4 },
    aiOutput: { decision: "reject", liveness: { score: 0.22, findings: ["moiré pattern consistent with a screen", "no depth cues on head turn"] } },
    confidence: 0.38,
    model: "kyc-liveness 1.9",
    escalationReason: { code: "liveness_check_failed", explanation: "Liveness score 0.22: the selfie video may be a replay from a screen." },
    contextSummary:
      "French ID card; the document itself passes. The selfie video shows moiré stripes and no depth change when the head turns: signs of filming a screen. " +
      "Two other applications this week came from the same device fingerprint. If you agree, reject and flag the device. This item is overdue.",
    evidence: [
      { title: "Liveness frames", url: "https://kyc.example.com/cases/APP-118425/liveness" },
      { title: "Device fingerprint matches", content: "Device d-5f19a2: APP-118425 (this), APP-118398 (rejected, liveness), APP-118301 (pending)." },
    ],
    priority: "urgent",
  },
  {
    externalId: "kyc-a7f418",
    receivedMinutesAgo: 3300,
    input: { applicantId: "APP-118440", documentType: "passport", issuingCountry: "DE", surnameOnDocument: "Schneider", surnameOnApplication: "Schneider-Okoye" },
    aiOutput: { decision: "request_resubmission", reason: "surname differs from document" },
    confidence: 0.5,
    model: "kyc-docvision 5.1",
    escalationReason: { code: "document_mismatch", explanation: "Surname on the application is a double-barrelled name; the passport shows only the first part." },
    contextSummary:
      "German applicant married recently and uses the double name Schneider-Okoye; her passport still shows Schneider. She uploaded the marriage certificate. " +
      "If the certificate is consistent, accept the passport name as the legal name and record the married name as an alias.",
    evidence: [
      { title: "Marriage certificate (Eheurkunde)", url: "https://kyc.example.com/cases/APP-118440/marriage-certificate.pdf" },
      { title: "Name change policy", url: "https://wiki.example.com/kyc/name-changes" },
    ],
    priority: "normal",
  },
  {
    externalId: "kyc-a7f425",
    receivedMinutesAgo: 4000,
    input: { applicantId: "APP-118452", documentType: "passport", issuingCountry: "AE", residence: "AE", expectedMonthlyVolumeEur: 45000 },
    aiOutput: { decision: "approve_with_edd", riskScore: 71, drivers: ["high expected volume", "jurisdiction on enhanced monitoring list"] },
    confidence: 0.88,
    model: "kyc-risk 3.0",
    escalationReason: {
      code: "policy_threshold",
      explanation: "Risk score 71 is above 60: enhanced due diligence and a documented human decision are required.",
    },
    contextSummary:
      "Passport from the UAE, document checks pass. Expected volume €45,000/month and a jurisdiction on our enhanced-monitoring list push the risk score to 71. " +
      "Approve only if source of funds is documented (trade licence and bank statements are attached); otherwise request them.",
    evidence: [
      { title: "Trade licence", url: "https://kyc.example.com/cases/APP-118452/trade-licence.pdf" },
      { title: "Bank statements (3 months)", url: "https://kyc.example.com/cases/APP-118452/statements.pdf" },
      { title: "Risk model drivers", content: "volume: +28\njurisdiction: +22\ntenure: 0 (new)\ndocument quality: -4\nscreening: 0 (no hits)" },
    ],
    priority: "high",
  },
];

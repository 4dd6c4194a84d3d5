import type { Rng } from "./random";
import { round2 } from "./refund-scenarios-1";
import { correctedJson, type ScenarioGenerator } from "./scenario";

/** KYC document check, part 1: names, screening hits, expired and unreadable documents, faces. */

export const applicantId = (serial: number) => `APP-${110_000 + serial * 3}`;
export const caseUrl = (serial: number, file: string) => `https://kyc.example.com/cases/${applicantId(serial)}/${file}`;

const people = [
  ["Anna", "Kowalska", "PL"],
  ["Jonas", "Lindqvist", "SE"],
  ["Marta", "García López", "ES"],
  ["Luca", "Bianchi", "IT"],
  ["Sophie", "Dubois", "FR"],
  ["Pieter", "de Vries", "NL"],
  ["Katarzyna", "Nowak", "PL"],
  ["Mehmet", "Yılmaz", "DE"],
  ["Aoife", "Byrne", "IE"],
  ["Tiago", "Ferreira", "PT"],
  ["Eleni", "Papadopoulou", "GR"],
  ["Matthias", "Huber", "AT"],
] as const;

export function person(rng: Rng) {
  const [given, surname, country] = rng.pick(people);
  const year = rng.int(1958, 2004);
  const dob = `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  return { given, surname, country, dob, name: `${given} ${surname}` };
}

export const transliteration: ScenarioGenerator = ({ rng, serial }) => {
  const [docName, typed] = rng.pick([["OLEKSANDR", "Alexander"], ["MYKHAILO", "Mikhail"], ["YULIIA", "Julia"], ["SERHII", "Sergey"], ["DMYTRO", "Dmitri"]] as const);
  const surname = rng.pick(["IVANENKO", "KOVALENKO", "BONDARENKO", "SHEVCHUK", "MELNYK"]);
  const faceScore = round2(rng.between(0.86, 0.97));
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "passport", issuingCountry: "UA", nameOnApplication: `${typed} ${surname[0]}${surname.slice(1).toLowerCase()}` },
      aiOutput: { decision: "request_resubmission", extracted: { surname, givenNames: docName }, checks: { mrz: "pass", expiry: "pass", nameMatch: "fail" } },
      confidence: round2(rng.between(0.52, 0.7)),
      escalationReason: { code: "document_mismatch", explanation: `Given name on the document (${docName}) differs from the application (${typed}).` },
      contextSummary:
        `Ukrainian passport, otherwise clean (MRZ valid, in date, face match ${faceScore}). The given name is the Ukrainian transliteration ${docName} while the applicant typed ${typed}. ` +
        "The model asks for a resubmission; a transliteration difference is not a different person.",
      evidence: [
        { title: "OCR extraction", content: `P<UKR${surname}<<${docName}<<<<<<<<<<<<<<<<<` },
        { title: "Transliteration guidance (internal)", url: "https://wiki.example.com/kyc/transliteration" },
      ],
      priority: "normal",
    },
    modelKind: "docvision",
    truth: "modified",
    corrected: correctedJson({ decision: "accept", nameOnRecord: `${docName} ${surname}`, note: "transliteration; use the passport spelling" }),
    alt: "approved",
    judge: `${docName} is the official transliteration of ${typed}; same person, so accept with the passport spelling.`,
    facts: [`Passport reads ${docName} ${surname}; the application says ${typed}.`, `MRZ valid and face match ${faceScore}.`],
    why: {
      modified: [`${docName} and ${typed} are the same name in two transliterations; accepted with the passport spelling on record instead of a resubmission.`],
      approved: ["Names must match exactly; asking for a resubmission."],
    },
  };
};

export const sanctionsNearMatch: ScenarioGenerator = ({ rng, serial }) => {
  const p = person(rng);
  const listedYear = Number(p.dob.slice(0, 4)) + rng.pick([-9, -6, -4, 1, 0]);
  const close = Math.abs(listedYear - Number(p.dob.slice(0, 4))) <= 1;
  const score = round2(rng.between(0.81, 0.92));
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "national_id", issuingCountry: p.country, name: p.name, dateOfBirth: p.dob },
      aiOutput: { decision: "clear_false_positive", screening: { list: "EU consolidated sanctions list", candidate: p.name.toUpperCase(), nameScore: score, dobCandidate: String(listedYear) } },
      confidence: round2(rng.between(0.5, 0.72)),
      escalationReason: { code: "sanctions_near_match", explanation: `Name matches a sanctions list entry at ${score}; listed year of birth ${listedYear}.` },
      contextSummary:
        `Document checks pass. Screening found a near match on the EU consolidated list: same name, listed birth year ${listedYear} versus ${p.dob.slice(0, 4)}. ` +
        "The model proposes clearing it as a false positive; onboarding stays on hold until a person agrees or sends it to compliance.",
      evidence: [
        { title: "Screening hit", content: `Entry EU.${4000 + (serial % 900)}.22. Name: ${p.name.toUpperCase()}. DOB: ${listedYear}. Listed 2022.` },
        { title: "EU sanctions map", url: "https://www.sanctionsmap.eu/" },
      ],
      priority: "urgent",
    },
    modelKind: "screening",
    dueInHours: 4,
    truth: close ? "escalated" : "approved",
    alt: close ? "approved" : "escalated",
    judge: close ? `Birth year ${listedYear} is within a year of ${p.dob.slice(0, 4)}: too close to clear here.` : `Listed ${listedYear}, applicant born ${p.dob.slice(0, 4)}: a name-only match.`,
    facts: [`${p.name}, born ${p.dob}; list entry born ${listedYear}, name score ${score}.`],
    why: {
      approved: [`A ${Math.abs(listedYear - Number(p.dob.slice(0, 4)))}-year difference in birth year and a common name: cleared as a false positive, reasons recorded on the screening case.`],
      escalated: ["The birth years are within a year of each other; I cannot rule the match out, so compliance decides."],
    },
  };
};

export const expiredDocument: ScenarioGenerator = ({ rng, serial }) => {
  const p = person(rng);
  const daysExpired = rng.int(3, 60);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "national_id", issuingCountry: p.country, expiredDaysAgo: daysExpired },
      aiOutput: { decision: "reject", reason: `document expired ${daysExpired} days ago`, checks: { mrz: "pass", expiry: "fail", faceMatch: round2(rng.between(0.85, 0.96)) } },
      confidence: round2(rng.between(0.86, 0.96)),
      escalationReason: { code: "expired_document", explanation: "Rejections are always confirmed by a person." },
      contextSummary: `Identity card expired ${daysExpired} days ago; everything else checks out. Policy does not accept expired documents; the model proposes rejection with a request for a valid one.`,
      evidence: [{ title: "Document front", url: caseUrl(serial, "front.jpg") }],
      priority: "normal",
    },
    modelKind: "docvision",
    truth: "approved",
    alt: "modified",
    corrected: correctedJson({ decision: "request_resubmission", reason: "document expired; upload a valid document" }),
    judge: `Expired ${daysExpired} days ago and no extension applies: a rejection with a request for a valid document is right.`,
    facts: [`The card expired ${daysExpired} days ago.`, "MRZ and photo otherwise fine."],
    why: {
      approved: ["Expired documents are not accepted; rejection with a request for a valid document, as proposed."],
      modified: ["Asking for a new upload rather than rejecting outright."],
    },
  };
};

export const imageQuality: ScenarioGenerator = ({ rng, serial }) => {
  const legible = rng.chance(0.35);
  const doc = rng.pick(["driving licence", "identity card", "passport data page"]);
  return {
    body: {
      input: `Applicant ${applicantId(serial)} uploaded a ${doc} photographed ${rng.pick(["under a desk lamp", "in a moving car", "through a plastic sleeve"])}; part of it is unreadable.`,
      aiOutput: `Unable to read the date of birth and document number reliably (OCR confidence ${round2(rng.between(0.2, 0.4))}). Ask the applicant to upload a new photo in daylight without flash.`,
      confidence: round2(rng.between(0.22, 0.4)),
      escalationReason: { code: "image_quality", explanation: "Glare covers the personal data fields." },
      contextSummary: `${doc[0]!.toUpperCase()}${doc.slice(1)} with glare over the personal data. Read the fields yourself if a person can, or ask for a new upload as the model proposes.`,
      evidence: [{ title: "Uploaded image (front)", url: caseUrl(serial, "front.jpg") }],
      priority: "low",
    },
    modelKind: "docvision",
    truth: legible ? "modified" : "approved",
    corrected: correctedJson({ decision: "continue", note: "fields read manually from the image; no resubmission needed" }),
    alt: legible ? "approved" : "modified",
    judge: legible ? "The fields are legible to the eye despite the glare; no need to bother the applicant." : "The date of birth is under the glare even zoomed in; it needs a new photo.",
    facts: [`${doc} photo with glare over the data fields.`],
    why: {
      approved: ["I could not read the date of birth either; a new upload is the right call."],
      modified: ["Zoomed in, the date of birth and number are readable; I entered them and let the check continue."],
    },
  };
};

export const faceMatchLow: ScenarioGenerator = ({ rng, serial }) => {
  const score = round2(rng.between(0.62, 0.79));
  const cause = rng.pick(["glasses and a beard", "a much older passport photo", "strong backlight", "a headscarf worn differently"]);
  const samePerson = rng.chance(0.7);
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "passport", selfieProvided: true },
      aiOutput: { decision: "reject", faceMatchScore: score, threshold: 0.8, liveness: "pass" },
      confidence: round2(rng.between(0.4, 0.6)),
      escalationReason: { code: "face_match_low", explanation: `Selfie to document face match ${score}, below the 0.80 threshold; liveness passed.` },
      contextSummary: `Passport and a selfie with ${cause}. Liveness passed. The model proposes rejection on the face score; compare the faces yourself, and if unsure ask for a new selfie rather than rejecting.`,
      evidence: [
        { title: "Side-by-side comparison", url: caseUrl(serial, "face-compare") },
        { title: "Face match model card", url: "https://wiki.example.com/models/kyc-facematch" },
      ],
      priority: "normal",
    },
    modelKind: "facematch",
    truth: samePerson ? "modified" : "approved",
    corrected: correctedJson({ decision: "request_new_selfie", note: "no glasses, even light" }),
    alt: samePerson ? "approved" : "modified",
    judge: samePerson ? `Same ears, nose and hairline; the low score comes from ${cause}.` : "Jawline and eye distance differ; this is not the person in the passport.",
    facts: [`Face match ${score} with ${cause}.`, "Liveness passed."],
    why: {
      modified: [`I think it is the same person (${cause} explain the score); asked for a new selfie instead of rejecting.`],
      approved: ["Compared side by side: the features do not match, so rejection stands."],
    },
  };
};

export const tamperingSuspected: ScenarioGenerator = ({ rng, serial }) => {
  const field = rng.pick(["date of birth", "expiry date", "surname", "document number"]);
  const artefact = rng.chance(0.2);
  const tamperScore = round2(rng.between(0.72, 0.9));
  return {
    body: {
      input: { applicantId: applicantId(serial), documentType: "national_id", issuingCountry: rng.pick(["NL", "BE", "DE", "FR"]) },
      aiOutput: { decision: "reject", findings: [`font of the ${field} field differs from the template`, `compression noise around the ${field} only`], tamperScore },
      confidence: tamperScore,
      escalationReason: { code: "tampering_suspected", explanation: `Tamper score ${tamperScore} localised on the ${field} field.` },
      contextSummary: `The ${field} field looks edited: different font weight and noise around it only. If you agree, reject and flag for fraud without telling the applicant why.`,
      evidence: [{ title: "Tamper heatmap", url: caseUrl(serial, "tamper-heatmap.png") }, { title: "PRADO template", url: "https://www.consilium.europa.eu/prado/en/" }],
      priority: "high",
    },
    modelKind: "docvision",
    truth: artefact ? "rejected" : "approved",
    alt: artefact ? "approved" : "escalated",
    judge: artefact ? `The 'edit' around the ${field} is the laminate's reflection; the template matches.` : `The ${field} digits are in a different font from the rest of the card: edited.`,
    facts: [`Tamper score ${tamperScore} on the ${field} field.`],
    why: {
      approved: [`The ${field} font and noise differ from the PRADO template; rejected and flagged for fraud.`],
      rejected: [`The noise is a laminate reflection, visible on the second photo too; the document is genuine, so the rejection is wrong.`],
      escalated: ["Unsure; sent to the fraud team."],
    },
  };
};

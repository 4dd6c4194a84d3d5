import type { Rng } from "./random";
import { day, eur, isoDay } from "./random";
import { correctedJson, type ScenarioGenerator } from "./scenario";

/** Refund triage, part 1: what customers write about damaged, late, returned and expensive orders. */

export const products = [
  ["cordless kettle", 39.9],
  ["yoga mat", 34.95],
  ["gaming mouse", 59.99],
  ["electric toothbrush", 69.9],
  ["backpack", 74.5],
  ["coffee grinder", 79.9],
  ["bluetooth speaker", 89.0],
  ["running shoes", 119.95],
  ["air fryer", 129.0],
  ["linen bedding set", 139.0],
  ["winter jacket", 189.0],
  ["kids' bike", 219.0],
  ["noise-cancelling headphones", 249.0],
  ["office chair", 279.0],
  ["27-inch monitor", 319.0],
  ["smartwatch", 329.0],
  ["robot vacuum", 399.0],
  ["stand mixer", 449.0],
  ["11-inch tablet", 529.0],
  ["standing desk", 689.0],
  ["dishwasher", 749.0],
  ["road bike", 1290.0],
  ["65-inch TV", 1499.0],
  ["laptop", 1849.0],
] as const;

export const markets = ["DE", "NL", "FR", "IE", "AT", "ES", "IT", "BE", "FI", "PT"] as const;
export const channels = ["email", "chat", "web form", "phone"] as const;

export const round2 = (value: number) => Math.round(value * 100) / 100;
export const orderId = (serial: number) => `${61_000 + serial * 7}`;
export const ticketId = (serial: number) => `T-${38_400 + serial * 3}`;
export const ticketUrl = (serial: number) => `https://backoffice.example.com/tickets/${ticketId(serial)}`;

/** A product priced between min and max (inclusive), as [name, price]. */
export function product(rng: Rng, min: number, max: number) {
  const fitting = products.filter(([, price]) => price >= min && price <= max);
  const [name, price] = rng.pick(fitting.length > 0 ? fitting : products);
  return { name, price };
}

const confidence = (rng: Rng, min: number, max: number) => round2(rng.between(min, max));

export const damagedOnArrival: ScenarioGenerator = ({ rng, at, serial }) => {
  const p = product(rng, 30, 700);
  const order = orderId(serial);
  const damage = rng.pick(["a cracked housing", "a dented side panel", "a torn seam", "a shattered glass lid", "a bent frame", "deep scratches across the front"]);
  const photos = rng.weighted([[0, 1], [1, 2], [2, 2], [3, 1]] as const);
  const cosmetic = rng.chance(0.4);
  const deliveredDaysAgo = rng.int(1, 6);
  const partial = round2(p.price * 0.2);
  const truth = photos === 0 ? "modified" : cosmetic ? "modified" : "approved";
  const corrected = photos === 0
    ? correctedJson({ decision: "refund_on_return", amount: p.price, currency: "EUR", requireReturn: true, note: "refund when the return is scanned" })
    : correctedJson({ decision: "partial_refund", amount: partial, currency: "EUR", requireReturn: false });
  return {
    body: {
      input: `Order ${order}: the ${p.name} arrived with ${damage}. ${cosmetic ? "It still works, but I paid for a new one." : "It doesn't work at all."} I want my money back.`,
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", requireReturn: true, returnLabel: "prepaid" },
      confidence: confidence(rng, 0.42, 0.79),
      escalationReason: {
        code: "low_confidence",
        explanation: `Damage claim with ${photos} photo${photos === 1 ? "" : "s"}; the damage classifier cannot tell whether it is cosmetic or functional.`,
      },
      contextSummary:
        `${p.name[0]!.toUpperCase()}${p.name.slice(1)} (${eur(p.price)}) delivered ${deliveredDaysAgo} days ago arrived with ${damage}. ` +
        `${photos ? `The customer sent ${photos} photo${photos === 1 ? "" : "s"}.` : "No photo yet."} ${cosmetic ? "They say it still works." : "They say it does not work."} ` +
        "The model proposes a full refund with a prepaid return.",
      evidence: [
        ...(photos ? [{ title: `Customer photos (${photos})`, url: `${ticketUrl(serial)}/attachments` }] : []),
        { title: "Delivery record", content: `Order ${order} delivered ${isoDay(at - deliveredDaysAgo * day)}, signed for at the door. Packaging: standard carton.` },
      ],
      priority: p.price > 300 ? "high" : "normal",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth,
    corrected,
    alt: truth === "approved" ? "modified" : "approved",
    facts: [
      `Order ${order}: ${p.name} at ${eur(p.price)}, delivered ${deliveredDaysAgo} days ago.`,
      photos ? `The photos show ${damage}${cosmetic ? ", and the customer confirms it still works" : ""}.` : "There is no photo of the damage on the ticket.",
    ],
    why: {
      approved: [`${damage[0]!.toUpperCase()}${damage.slice(1)} that stops the ${p.name} working is a defect; a full refund with the prepaid return is owed.`],
      modified: photos === 0
        ? [`Without a photo I changed it to a refund when the return is scanned, so we are covered if nothing is wrong with it.`]
        : [`The damage is cosmetic and it works, so a 20% partial refund of ${eur(partial)} without a return is fairer and saves the return shipping.`],
      rejected: ["Nothing in the ticket supports a refund; asked the customer for details instead."],
    },
  };
};

export const lateDelivery: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 40, 450);
  const order = orderId(serial);
  const daysLate = rng.int(2, 9);
  const proposed = round2(p.price * rng.pick([0.15, 0.2, 0.25, 0.3]));
  const cap = round2(p.price * 0.1);
  const overCap = proposed > cap + 0.01;
  const occasion = rng.pick(["a birthday", "my daughter's school trip", "a wedding", "Christmas markets", "a camping weekend", ""]);
  return {
    body: {
      input: `My ${p.name} (order ${order}) arrived ${daysLate} days after the promised date${occasion ? `, too late for ${occasion}` : ""}. I want compensation for the delay.`,
      aiOutput: { decision: "goodwill_credit", amount: proposed, currency: "EUR", basis: `${daysLate} days late` },
      confidence: confidence(rng, 0.55, 0.8),
      escalationReason: {
        code: "policy_threshold",
        explanation: `Goodwill above 10% of the order value needs a person; the model proposed ${Math.round((proposed / p.price) * 100)}%.`,
      },
      contextSummary:
        `Order ${order} (${eur(p.price)}) arrived ${daysLate} days late; the carrier's tracking confirms the delay. ` +
        `The customer kept the ${p.name} and asks for compensation. Policy allows goodwill up to 10% (${eur(cap)}) without a manager.`,
      evidence: [{ title: "Carrier tracking", content: `Promised delivery missed by ${daysLate} days. Cause: depot backlog. Delivered, signed.` }],
      priority: "low",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: overCap && daysLate < 6 ? "modified" : "approved",
    corrected: correctedJson({ decision: "goodwill_credit", amount: cap, currency: "EUR", basis: `${daysLate} days late, capped at 10%` }),
    alt: overCap && daysLate < 6 ? "approved" : "modified",
    facts: [`Tracking confirms order ${order} arrived ${daysLate} days late.`, `${eur(proposed)} proposed against a 10% cap of ${eur(cap)}.`],
    why: {
      approved: [
        daysLate >= 6 ? `${daysLate} days late is long enough to justify going above the cap; ${eur(proposed)} is reasonable.` : `${eur(proposed)} stays within what the policy allows for this delay.`,
      ],
      modified: [`A ${daysLate}-day delay does not justify more than the standard cap, so I reduced the credit to ${eur(cap)}.`],
      rejected: ["The customer kept the item; no credit is owed for a delay."],
    },
  };
};

export const outsideReturnWindow: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 30, 350);
  const order = orderId(serial);
  const dayOfRequest = rng.int(33, 58);
  const unused = rng.chance(0.5);
  return {
    body: {
      input: { orderId: order, product: p.name, amount: p.price, currency: "EUR", daysSinceDelivery: dayOfRequest, condition: unused ? "unused, original box" : "used", request: "return for refund" },
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", requireReturn: true, note: "customer is a long-standing member" },
      confidence: confidence(rng, 0.5, 0.74),
      escalationReason: { code: "policy_threshold", explanation: `Return requested on day ${dayOfRequest}; the return window is 30 days.` },
      contextSummary:
        `Return of a ${p.name} (${eur(p.price)}) on day ${dayOfRequest} after delivery, ${unused ? "unused in its original box" : "used"}. The window is 30 days. ` +
        "The model proposes an exception because the customer has ordered with us for six years.",
      evidence: [{ title: "Customer history", content: `Customer since 2020; ${rng.int(18, 60)} orders; ${rng.int(0, 2)} returns in the last 12 months.` }],
      priority: "low",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: unused ? "modified" : "rejected",
    corrected: correctedJson({ decision: "store_credit", amount: p.price, currency: "EUR", requireReturn: true, note: "outside the window: store credit as goodwill" }),
    alt: "approved",
    facts: [`Day ${dayOfRequest} after delivery of order ${order}, 30-day window.`, unused ? `Unused ${p.name}, still in its box.` : `Used ${p.name}, no longer sellable as new.`],
    why: {
      modified: [`Outside the window, but unused: store credit instead of a cash refund keeps the customer and the policy.`],
      rejected: [`A used ${p.name} returned on day ${dayOfRequest} is well outside the 30-day window; loyalty alone does not make an exception.`],
      approved: ["Long-standing customer, so the exception is acceptable."],
    },
  };
};

/** Refunds over €1,000: always a person, whichever model version. */
export const highValue: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 1000, 2000);
  const order = orderId(serial);
  const returned = rng.chance(0.9);
  return {
    body: {
      input: { orderId: order, product: p.name, amount: p.price, currency: "EUR", issue: rng.pick(["dead pixels", "does not power on", "battery swelling", "wrong model delivered"]) },
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", requireReturn: true, returnLabel: "freight_pickup" },
      confidence: confidence(rng, 0.78, 0.94),
      escalationReason: { code: "high_value", explanation: "Refunds above €1,000 always go to a human." },
      contextSummary:
        `${eur(p.price)} refund for a ${p.name}. ${returned ? "The warehouse has received the return and logged its condition." : "The return has not arrived at the warehouse yet."} ` +
        "Check the intake record before approving.",
      evidence: [{ title: "Warehouse intake", content: returned ? `Order ${order}: received, fault confirmed on bench test.` : `Order ${order}: no intake scan yet; pickup booked.` }],
      priority: "high",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: returned ? "approved" : "modified",
    corrected: correctedJson({ decision: "refund_on_return", amount: p.price, currency: "EUR", requireReturn: true }),
    alt: returned ? "modified" : "approved",
    facts: [`${eur(p.price)} for order ${order}.`, returned ? "Warehouse intake confirms the fault." : "No intake scan yet for the return."],
    why: {
      approved: [`The return is in and the fault is confirmed on the bench, so the full ${eur(p.price)} refund can go out.`],
      modified: [`The ${p.name} is not back yet; changed it to refund on return so ${eur(p.price)} does not leave before the goods arrive.`],
    },
  };
};

/**
 * Refunds between €150 and €1,000, escalated by refund-triage-llm v3.2, whose guardrail sends every
 * refund above €150 to a person: nearly all are plain, correct refunds.
 */
export const midValueGuardrail: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 150, 999);
  const order = orderId(serial);
  const cause = rng.pick(["arrived faulty", "changed my mind, unopened", "wrong size", "stopped working after a week", "not as pictured"]);
  const odd = rng.chance(0.02);
  return {
    body: {
      input: `Please refund order ${order}: the ${p.name} ${cause}. I've already sent it back with the label from the website.`,
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", requireReturn: true, returnStatus: "in transit" },
      confidence: confidence(rng, 0.82, 0.96),
      escalationReason: { code: "high_value", explanation: `Refund of ${eur(p.price)} is above the €150 review limit of the v3.2 guardrail.` },
      contextSummary:
        `Standard return of a ${p.name} (${eur(p.price)}), reason: ${cause}. The return is in transit with our carrier. ` +
        "Within the window, no abuse signals; escalated only because of the amount.",
      evidence: [{ title: "Return tracking", content: `Order ${order}: return label scanned at drop-off, ${rng.int(1, 3)} days ago.` }],
      priority: "normal",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    obvious: true,
    truth: odd ? "modified" : "approved",
    corrected: correctedJson({ decision: "refund", amount: round2(p.price - 4.95), currency: "EUR", requireReturn: true, note: "return shipping deducted (change of mind)" }),
    alt: odd ? "approved" : "modified",
    facts: [`Order ${order}, ${p.name} at ${eur(p.price)}, reason "${cause}".`, "The return label was scanned at drop-off."],
    why: {
      approved: [
        `Nothing unusual beyond the amount: within the window, return on its way, refund of ${eur(p.price)} is right.`,
        `A routine return of ${eur(p.price)}; the amount is the only reason it came to us.`,
      ],
      modified: [`Change-of-mind returns carry the €4.95 return fee, which the proposal left out.`],
    },
  };
};

export const missingEvidence: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 20, 260);
  const order = orderId(serial);
  const delivered = rng.chance(0.7);
  const safePlace = rng.pick(["front door", "parcel box", "neighbour at no. 12", "reception"]);
  return {
    body: {
      input: `I never received order ${order} (${p.name}). Tracking says delivered but there was nothing there. Refund please.`,
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", method: "original_payment" },
      confidence: confidence(rng, 0.3, 0.62),
      escalationReason: { code: "missing_evidence", explanation: "Not-received claim while the carrier reports delivery; no proof of delivery photo on file." },
      contextSummary:
        `Customer says order ${order} (${eur(p.price)}) never arrived. ${delivered ? `The carrier scanned it as delivered to the ${safePlace}.` : "The last carrier scan is at the local depot."} ` +
        "First not-received claim on this account.",
      evidence: [{ title: "Carrier tracking", content: delivered ? `Delivered: left at ${safePlace}. No signature, no photo.` : "Arrived at depot; out for delivery not scanned." }],
      priority: "normal",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: delivered ? "modified" : "approved",
    corrected: correctedJson({ decision: "carrier_claim", amount: p.price, currency: "EUR", note: "open a carrier investigation; refund if not found in 5 days" }),
    alt: delivered ? "approved" : "modified",
    facts: [`Order ${order}, ${eur(p.price)}.`, delivered ? `Carrier says left at the ${safePlace}, with no photo or signature.` : "The parcel never left the depot according to the scans."],
    why: {
      approved: ["The parcel never left the depot, so it was not delivered; refund now."],
      modified: [`Delivery to the ${safePlace} is unproven, so I opened a carrier investigation first, with the refund if it is not found in 5 days.`],
      rejected: ["The carrier shows delivery; refusing until the investigation is done."],
    },
  };
};

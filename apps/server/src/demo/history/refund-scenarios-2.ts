import { day, eur, isoDay } from "./random";
import { channels, markets, orderId, product, round2, ticketId } from "./refund-scenarios-1";
import { correctedJson, type ScenarioGenerator } from "./scenario";

/** Refund triage, part 2: duplicates, mixed signals, abuse, vulnerable customers, languages and fraud. */

export const possibleDuplicate: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 15, 200);
  const order = orderId(serial);
  const alreadyRefunded = rng.chance(0.55);
  const minutes = rng.int(12, 180);
  return {
    body: {
      input: { orderId: order, channel: "chat", request: "refund", amount: p.price, currency: "EUR", earlierTicket: ticketId(serial - 1) },
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", method: "original_payment" },
      confidence: round2(rng.between(0.86, 0.97)),
      escalationReason: { code: "possible_duplicate", explanation: `The same refund was requested ${minutes} minutes earlier on another channel.` },
      contextSummary:
        `The customer asked for the same ${eur(p.price)} refund (order ${order}, ${p.name}) twice. ` +
        `${alreadyRefunded ? "The earlier ticket already triggered a refund." : "The earlier ticket was closed without action."} Only one refund may go out.`,
      evidence: [{ title: `Earlier ticket ${ticketId(serial - 1)}`, content: alreadyRefunded ? `Refund ${eur(p.price)} issued, reference RF-${serial}.` : "Closed: customer said they would use chat instead." }],
      priority: "low",
      metadata: { channel: "chat", market: rng.pick(markets) },
    },
    truth: alreadyRefunded ? "rejected" : "approved",
    alt: alreadyRefunded ? "approved" : "rejected",
    facts: [`Two requests for order ${order}, ${minutes} minutes apart.`, alreadyRefunded ? `Refund RF-${serial} already went out on the earlier ticket.` : "The earlier ticket was closed without a refund."],
    why: {
      rejected: [`${eur(p.price)} was already refunded on ${ticketId(serial - 1)}; a second refund would pay twice.`],
      approved: ["No refund went out on the other ticket, so this one is the only refund and it is owed."],
    },
  };
};

export const conflictingSignals: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 60, 400);
  const discount = rng.pick([10, 15, 20, 25, 30]);
  return {
    body: {
      input: `Form field 'requested outcome': FULL REFUND\nMessage: the ${p.name} is fine really, it's just ${rng.pick(["louder", "smaller", "heavier", "darker"])} than I expected. I'd keep it for ${eur(discount)} off, otherwise I'll send it back.`,
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", requireReturn: true },
      confidence: round2(rng.between(0.35, 0.6)),
      escalationReason: { code: "conflicting_signals", explanation: `The form asks for a full refund; the message asks for ${eur(discount)} off and offers to keep the item.` },
      contextSummary:
        `${p.name} (${eur(p.price)}) works but is not what the customer expected. The form says full refund, the message says they would keep it for ${eur(discount)} off. ` +
        "The model went with the form field. A return costs about €15 in shipping and handling.",
      priority: "normal",
      metadata: { channel: "web form", market: rng.pick(markets) },
    },
    truth: "modified",
    corrected: correctedJson({ decision: "partial_refund", amount: discount, currency: "EUR", requireReturn: false }),
    alt: "approved",
    facts: [`Order ${orderId(serial)}: form says full refund of ${eur(p.price)}, message offers to keep it for ${eur(discount)}.`],
    why: {
      modified: [`The customer's own words ask for ${eur(discount)} off; that is what they want and cheaper than a return, so partial refund without return.`],
      approved: ["The form field is the formal request; full refund with return."],
    },
  };
};

export const outOfDistribution: ScenarioGenerator = ({ rng, serial }) => {
  const seller = rng.pick(["NordicLamps AB", "Casa Verde SL", "Bergmann Outdoor GmbH", "Atelier Lune SARL"]);
  const p = product(rng, 40, 500);
  const sellerFunds = rng.chance(0.7);
  return {
    body: {
      input: { orderId: orderId(serial), seller: `third-party: ${seller}`, product: p.name, amount: p.price, currency: "EUR", claim: "not as described" },
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", fundedBy: "platform" },
      confidence: round2(rng.between(0.22, 0.48)),
      escalationReason: { code: "out_of_distribution", explanation: "Marketplace orders from third-party sellers are rare in the training data." },
      contextSummary:
        `Marketplace order from ${seller}: a ${p.name} (${eur(p.price)}) the customer says is not as described. ` +
        `For marketplace orders the seller funds refunds through the claims process${sellerFunds ? "" : ", unless the seller has not answered within 48 hours"}; the model put "platform".`,
      evidence: [{ title: "Marketplace refund rules", url: "https://sellers.example.com/policies/refunds" }, { title: "Seller response", content: sellerFunds ? "Seller accepted the claim yesterday." : "No response from the seller after 72 hours." }],
      priority: "normal",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: sellerFunds ? "modified" : "approved",
    corrected: correctedJson({ decision: "refund", amount: p.price, currency: "EUR", fundedBy: "seller", route: "marketplace_claim" }),
    alt: sellerFunds ? "approved" : "escalated",
    facts: [`Marketplace order ${orderId(serial)} from ${seller}, ${eur(p.price)}.`, sellerFunds ? "The seller has accepted the claim." : "The seller has not answered for 72 hours."],
    why: {
      modified: [`${seller} accepted the claim, so the refund is funded by the seller through the marketplace claim, not by us.`],
      approved: ["The seller missed the 48-hour deadline, so the platform guarantee applies and we fund the refund."],
      escalated: ["Sent to the marketplace team: the seller's side of the claim needs their decision."],
    },
  };
};

export const repeatRefunder: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 20, 300);
  const refunds = rng.int(4, 9);
  const wardrobing = rng.chance(0.5);
  return {
    body: {
      input: `Order ${orderId(serial)}: ${p.name} ${rng.pick(["doesn't fit", "arrived damaged", "isn't what I ordered"])}. Refund to my card please.`,
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", requireReturn: false },
      confidence: round2(rng.between(0.45, 0.75)),
      escalationReason: { code: "abuse_signals", explanation: `${refunds} refunds on this account in the last 60 days; refunds without return are capped for frequent claimants.` },
      contextSummary:
        `${refunds} refund requests in 60 days on this account, ${wardrobing ? "mostly clothing returned after weekends" : "mixed categories, all without returns"}. ` +
        `The model proposes ${eur(p.price)} without a return, which the abuse policy does not allow above 3 claims in 60 days.`,
      evidence: [{ title: "Refund history (60 days)", content: Array.from({ length: refunds }, (_, i) => `#${i + 1}: ${eur(round2(20 + ((serial * (i + 3)) % 180)))}, no return`).join("\n") }],
      priority: "normal",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: wardrobing ? "escalated" : "modified",
    corrected: correctedJson({ decision: "refund_on_return", amount: p.price, currency: "EUR", requireReturn: true, note: "frequent claimant: refund only on return" }),
    alt: "approved",
    facts: [`${refunds} refunds in 60 days on this account.`, `This one is ${eur(p.price)} for a ${p.name}, without a return.`],
    why: {
      modified: ["Above 3 claims in 60 days, refunds need the goods back: changed to refund on return."],
      escalated: ["The weekend clothing pattern looks like wardrobing; sent to the abuse team rather than deciding it here."],
      rejected: ["Too many claims without returns to refund again."],
      approved: ["Each claim had a reason; refund without return."],
    },
  };
};

export const vulnerableCustomer: ScenarioGenerator = ({ rng, at, serial }) => {
  const p = product(rng, 40, 320);
  const waited = rng.int(5, 14);
  return {
    body: {
      input: `I've been waiting ${waited} days for an answer about the broken ${p.name}. ${rng.pick(["I'm on a pension and this money matters.", "I've just lost my job and can't afford this.", "I'm in hospital and my son is writing this for me."])} Please just refund it.`,
      aiOutput: `Refund ${eur(p.price)} in full to the original payment method, send a prepaid return label, and apologise for the delay.`,
      confidence: round2(rng.between(0.62, 0.84)),
      escalationReason: { code: "vulnerable_customer", explanation: "The message mentions hardship; the conduct policy requires a person for vulnerable customers." },
      contextSummary:
        `Broken ${p.name} (${eur(p.price)}); the customer waited ${waited} days for an answer (SLA 48 hours) and mentions hardship. ` +
        "The refund is owed; make sure the reply is personal and consider refunding before the return arrives.",
      evidence: [{ title: "Ticket timeline", content: `${isoDay(at - waited * day)} first contact\n${isoDay(at - 2 * day)} reminder\nNo agent reply recorded.` }],
      priority: "high",
      metadata: { channel: "email", market: rng.pick(markets) },
    },
    truth: rng.chance(0.6) ? "approved" : "modified",
    corrected: `Refund ${eur(p.price)} now, before the return arrives; send a prepaid label with no deadline, and a personal apology from the team lead for the ${waited}-day wait.`,
    alt: "approved",
    facts: [`${waited} days without a reply on ${ticketId(serial)}, against a 48-hour SLA.`, `Broken ${p.name}, ${eur(p.price)}.`],
    why: {
      approved: [`The refund is clearly owed and the reply apologises for the ${waited}-day wait; fine as proposed.`],
      modified: ["Given the hardship, refund now rather than on return, and the apology should come from a person."],
    },
  };
};

export const translationUncertain: ScenarioGenerator = ({ rng, serial }) => {
  const cases = [
    { lang: "pl", text: "Zamówiłam sukienkę w rozmiarze M, przyszła S. Chcę wymianę.", gist: "wrong size delivered (S instead of M), wants an exchange", fit: "exchange" },
    { lang: "cs", text: "Balík přišel poškozený, hrnek je rozbitý. Prosím o vrácení peněz.", gist: "parcel damaged, the mug is broken, asks for a refund", fit: "refund" },
    { lang: "hu", text: "A cipő egy héten belül szétesett. Kérem a pénzem vissza.", gist: "the shoes fell apart within a week, asks for a refund", fit: "refund" },
    { lang: "ro", text: "Am primit culoarea greșită. Aș vrea să păstrez produsul cu o reducere.", gist: "wrong colour, would keep it with a discount", fit: "partial_refund" },
  ] as const;
  const c = rng.pick(cases);
  const p = product(rng, 20, 150);
  const wrongTranslation = rng.chance(0.35);
  const proposed = wrongTranslation ? "refund" : c.fit;
  return {
    body: {
      input: c.text,
      aiOutput: { decision: proposed, amount: proposed === "exchange" ? 0 : p.price, currency: "EUR", translation: wrongTranslation ? "Customer asks for a full refund." : `Customer: ${c.gist}.` },
      confidence: round2(rng.between(0.4, 0.66)),
      escalationReason: { code: "translation_uncertain", explanation: `Language "${c.lang}" is not supported for automatic decisions; the model translated the message itself.` },
      contextSummary: `Message in "${c.lang}" about order ${orderId(serial)} (${p.name}, ${eur(p.price)}). The model translated it and proposed "${proposed}". Check the translation before deciding.`,
      priority: "normal",
      metadata: { channel: "email", language: c.lang },
    },
    truth: wrongTranslation ? "modified" : "approved",
    corrected: correctedJson({ decision: c.fit, amount: c.fit === "exchange" ? 0 : c.fit === "partial_refund" ? round2(p.price * 0.2) : p.price, currency: "EUR" }),
    alt: wrongTranslation ? "approved" : "modified",
    facts: [`The message in "${c.lang}" says: ${c.gist}.`],
    why: {
      approved: [`The model's translation is right and "${c.fit}" is what the customer asked for.`],
      modified: [`The translation is wrong: the customer asks for "${c.fit}", not a full refund, so I changed the decision.`],
    },
  };
};

export const paymentMethodChanged: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 200, 1500);
  const hoursAgo = rng.int(1, 20);
  const verified = rng.chance(0.25);
  return {
    body: {
      input: { orderId: orderId(serial), amount: p.price, currency: "EUR", refundTo: `card ••${1000 + (serial % 9000)}`, originalPayment: `card ••${2000 + ((serial * 7) % 7000)}`, cardAddedHoursAgo: hoursAgo },
      aiOutput: { decision: "refund", amount: p.price, currency: "EUR", destination: `card ••${1000 + (serial % 9000)}` },
      confidence: round2(rng.between(0.55, 0.8)),
      escalationReason: { code: "payment_method_changed", explanation: `The refund destination differs from the original payment method and was added ${hoursAgo} hours ago.` },
      contextSummary:
        `Refund of ${eur(p.price)} for a returned ${p.name}, to a card added ${hoursAgo} hours ago instead of the card that paid. ` +
        `${verified ? "The customer re-verified their identity by video call yesterday." : "The account email changed the day before."} Refunds go to the original method unless identity is re-verified.`,
      evidence: [{ title: "Account change log", content: verified ? "Identity re-verified (video), then new card added." : "Email changed, then new card added, then refund requested." }, { title: "Fraud playbook: refund redirection", url: "https://wiki.example.com/fraud/refund-redirection" }],
      priority: "urgent",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: verified ? "approved" : "rejected",
    alt: verified ? "modified" : "escalated",
    corrected: correctedJson({ decision: "refund", amount: p.price, currency: "EUR", destination: "original_payment" }),
    facts: [`${eur(p.price)} requested to a card added ${hoursAgo} hours ago.`, verified ? "Identity was re-verified by video call before the card change." : "The email changed the day before the new card appeared."],
    why: {
      rejected: ["Email change, new card, then a refund to it: the account-takeover pattern. Refused, and the account is flagged for the fraud team."],
      escalated: ["Looks like account takeover; handed to the fraud team."],
      approved: ["Identity was re-verified before the card was added, so the refund may go to the new card."],
      modified: ["Sending it to the original card instead, whatever the verification."],
    },
  };
};

export const priceAdjustment: ScenarioGenerator = ({ rng, serial }) => {
  const p = product(rng, 120, 700);
  const drop = round2(p.price * rng.pick([0.12, 0.15, 0.2, 0.25]));
  const daysSince = rng.int(3, 19);
  const marketplace = rng.chance(0.2);
  return {
    body: {
      input: `I bought the ${p.name} (order ${orderId(serial)}) ${daysSince} days ago for ${eur(p.price)} and now it's ${eur(round2(p.price - drop))} on your site. Can I get the difference?`,
      aiOutput: { decision: "price_adjustment", amount: drop, currency: "EUR", basis: "price protection" },
      confidence: round2(rng.between(0.7, 0.9)),
      escalationReason: { code: "policy_threshold", explanation: "Price adjustments above €50 need human approval." },
      contextSummary:
        `Price dropped by ${eur(drop)} ${daysSince} days after purchase; price protection covers 14 days for our own listings. ` +
        `${marketplace ? "The lower price is a marketplace seller's listing." : "The lower price is our own campaign price."}`,
      evidence: [{ title: "Price history", content: `${marketplace ? "Marketplace listing" : "Own stock"}: ${eur(p.price)} → ${eur(round2(p.price - drop))}` }],
      priority: "low",
      metadata: { channel: rng.pick(channels), market: rng.pick(markets) },
    },
    truth: daysSince <= 14 && !marketplace ? "approved" : "rejected",
    alt: daysSince <= 14 && !marketplace ? "rejected" : "approved",
    facts: [`Bought ${daysSince} days ago; ${eur(drop)} difference.`, marketplace ? "The lower price is a marketplace listing, not ours." : "The lower price is our own campaign price."],
    why: {
      approved: [`Within the 14 days and our own price, so the ${eur(drop)} adjustment is owed.`],
      rejected: [marketplace ? "Price protection covers our own prices only; the cheaper listing is a marketplace seller's." : `Day ${daysSince} is past the 14-day price protection.`],
    },
  };
};

export const subscriptionRefund: ScenarioGenerator = ({ rng, serial }) => {
  const price = rng.pick([9.99, 14.99, 19.99]);
  const dayCancelled = rng.int(3, 27);
  const outage = rng.chance(0.4);
  const proRata = round2((price * (30 - dayCancelled)) / 30);
  return {
    body: {
      input: { subscriptionId: `SUB-${30_000 + serial}`, plan: "Streaming Plus monthly", price, currency: "EUR", cancelledOnDay: dayCancelled, request: "refund unused days" },
      aiOutput: { decision: "partial_refund", amount: proRata, currency: "EUR", basis: `pro rata, ${30 - dayCancelled} of 30 days unused` },
      confidence: round2(rng.between(0.5, 0.72)),
      escalationReason: { code: "policy_threshold", explanation: "Subscriptions are not refunded pro rata by default; the model proposed an exception." },
      contextSummary:
        `Cancelled on day ${dayCancelled}; terms end the subscription at the end of the period without refund. ` +
        `${outage ? "The customer was affected by this month's 4-day outage." : "No service issue this month."}`,
      evidence: [{ title: "Service status", url: "https://status.example.com/history" }],
      priority: "low",
      metadata: { channel: "email" },
    },
    truth: outage ? "approved" : "rejected",
    alt: outage ? "rejected" : "approved",
    facts: [`Cancelled on day ${dayCancelled} of a ${eur(price)} plan; ${eur(proRata)} proposed.`, outage ? "The account was hit by the 4-day outage." : "No outage or complaint on the account this month."],
    why: {
      approved: ["The outage makes a pro-rata refund a fair exception."],
      rejected: ["The terms give no pro-rata refunds and nothing here justifies an exception; the plan runs to the end of the period."],
    },
  };
};

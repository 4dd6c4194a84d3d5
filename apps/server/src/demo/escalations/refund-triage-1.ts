import type { DemoEscalation } from "./types";

/** Refund triage, part 1: the customer-facing refund decisions the model was unsure about. */
export const refundTriageEscalations1: DemoEscalation[] = [
  {
    externalId: "rt-40118",
    receivedMinutesAgo: 35,
    input:
      "Hi, I ordered the Aero 2 headphones (order 40118) and the left ear cup stopped working after 9 days. " +
      "I'd like my money back, not a replacement: the replacement I got last year had exactly the same fault. Thanks, Jonas",
    aiOutput: { decision: "replace", amount: 0, currency: "EUR", orderId: "40118", reason: "first defect within warranty: replacement preferred (policy 4.1)" },
    confidence: 0.41,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "low_confidence",
      explanation: "Refund (0.41) and replacement (0.38) scored almost the same; the customer explicitly refuses a replacement.",
    },
    contextSummary:
      "Headphones (€149.00) failed 9 days after delivery. The customer wants a refund, not a replacement, and says a previous unit had the same fault. " +
      "The model applied the first-defect rule but did not look up older orders. If there was an earlier defect claim, policy 4.2 allows a refund.",
    evidence: [
      { title: "Order 40118", content: "Aero 2 wireless headphones, black. €149.00 paid by Visa ••4821. Delivered 2026-11-10." },
      { title: "Customer order history", url: "https://backoffice.example.com/customers/C-88213/orders" },
    ],
    priority: "normal",
  },
  {
    externalId: "rt-40123",
    receivedMinutesAgo: 95,
    dueInHours: 6,
    input: { orderId: "40123", product: "Lumen Pro 16 laptop", amount: 1899.0, currency: "EUR", reason: "withdrawal_14_days", packageSealed: true },
    aiOutput: { decision: "refund", amount: 1899.0, currency: "EUR", method: "original_payment", restockingFee: 0 },
    confidence: 0.88,
    model: "refund-triage-llm v3.2",
    escalationReason: { code: "high_value", explanation: "Refunds above €1,000 always go to a human, whatever the model's confidence." },
    contextSummary:
      "Unopened laptop returned on day 11 of the 14-day withdrawal period. The warehouse scan shows the seal intact and the serial number matches the shipment. " +
      "Only the amount triggered review; nothing else looks unusual.",
    evidence: [
      { title: "Warehouse intake scan", content: "Received 2026-11-21 09:14. Seal: intact. Serial LP16-2291-0472 matches outbound record. Condition grade: A (new)." },
      { title: "Withdrawal policy", url: "https://help.example.com/policies/returns#withdrawal" },
    ],
    priority: "high",
  },
  {
    externalId: "rt-40131",
    receivedMinutesAgo: 160,
    input: "Returned the trail shoes, they gave me blisters after two runs. Please refund to my Mastercard. — Mira K.",
    aiOutput:
      "Decline the refund: the return arrived 47 days after delivery, outside the 30-day window. " +
      "Offer €64.00 store credit as a goodwill gesture because the customer has a good history.",
    confidence: 0.67,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "policy_threshold",
      explanation: "Return window exceeded by 17 days, and the proposed goodwill credit is above the €50 limit the model may grant on its own.",
    },
    contextSummary:
      "Used trail shoes (€79.95) returned 47 days after delivery. The 30-day window has passed, so a refund is not owed. " +
      "The model proposes €64.00 store credit (80%). The customer has 23 orders and one earlier return; decide whether goodwill above €50 is justified.",
    evidence: [{ title: "Return label scan", content: "Carrier pickup 2026-11-19; delivered to customer 2026-10-03." }],
    priority: "low",
  },
  {
    externalId: "rt-40140",
    receivedMinutesAgo: 240,
    input: {
      orderId: "40140",
      claim: "item_not_received",
      carrierStatus: "delivered",
      deliveredAt: "2026-11-18T16:42:00Z",
      podDistanceMeters: 410,
      customerTenureMonths: 38,
      previousNotReceivedClaims: 0,
    },
    aiOutput: { decision: "refund", amount: 89.5, currency: "EUR", note: "Long-standing customer, first not-received claim" },
    confidence: 0.52,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "conflicting_signals",
      explanation: "The carrier marks the parcel delivered, but the proof-of-delivery GPS point is 410 m from the delivery address.",
    },
    contextSummary:
      "Customer says the parcel (kitchen scale and knife set, €89.50) never arrived. The carrier says delivered, but the GPS point is a street away and there is no photo. " +
      "Customer of 3 years with no earlier claims. Options: refund now, or open a carrier investigation first (usually 5–7 days).",
    evidence: [
      { title: "Carrier proof of delivery", url: "https://tracking.example-parcel.com/pod/EP448120931DE" },
      { title: "Delivery address vs GPS point", content: "Address: Lindenstraße 14, 10969 Berlin. POD GPS: 52.5031, 13.4102 (410 m north-east). No photo, no signature." },
    ],
    priority: "normal",
  },
  {
    externalId: "rt-40152",
    receivedMinutesAgo: 310,
    input: "The phone case arrived scratched. I want a refund. Order 40152.",
    aiOutput: { decision: "refund", amount: 39.99, currency: "EUR", method: "original_payment", requireReturn: false },
    confidence: 0.74,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "repeat_refunder",
      explanation: "Fifth refund request from this account in 60 days (€412 in total); the abuse rule requires a human.",
    },
    contextSummary:
      "Small claim (€39.99, phone case, 'arrived scratched', no photo). On its own it would be auto-refunded without a return. " +
      "The account has had 4 refunds in the last 60 days, all for cosmetic damage without photos. Consider asking for a photo or a return before refunding.",
    evidence: [
      {
        title: "Refund history, last 60 days",
        content:
          "2026-09-30 €118.00 'arrived damaged' (no photo)\n2026-10-14 €64.50 'scratched'\n2026-10-29 €89.00 'broken on arrival'\n2026-11-08 €99.99 'dented'",
      },
    ],
    priority: "high",
    metadata: { channel: "chat", market: "DE" },
  },
  {
    externalId: "rt-40158",
    receivedMinutesAgo: 380,
    input: { orderId: "40158", product: "Digital gift card €100", reason: "bought by mistake", redeemed: false },
    aiOutput: { decision: "refund", amount: 100.0, currency: "EUR", method: "original_payment" },
    confidence: 0.23,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "out_of_distribution",
      explanation: "Product category 'digital gift card' does not occur in the training data (0 of 184,000 examples).",
    },
    contextSummary:
      "Customer bought a €100 digital gift card by mistake and wants the money back; the code has not been redeemed. " +
      "Gift cards are excluded from refunds in the terms (section 7.3) unless consumer law requires it. The model never saw this category, so its 'refund' is a guess.",
    evidence: [{ title: "Terms of sale, section 7.3 (gift cards)", url: "https://help.example.com/terms#gift-cards" }],
    priority: "normal",
  },
  {
    externalId: "rt-40166",
    receivedMinutesAgo: 420,
    dueInHours: 2,
    input: "I returned the jacket two weeks ago and still have no money. I've now asked my bank to get it back.",
    aiOutput: { decision: "refund", amount: 249.0, currency: "EUR", method: "original_payment", priority: "expedite" },
    confidence: 0.9,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "chargeback_open",
      explanation: "A chargeback for this order is open with the card issuer; refunding now as well risks paying the customer twice.",
    },
    contextSummary:
      "Winter jacket (€249.00) was received back in the warehouse 14 days ago but the refund was never triggered (stuck in a batch error). " +
      "The customer has since filed a chargeback. The refund is owed; the question is whether to refund directly and contest the chargeback, or accept the chargeback.",
    evidence: [
      { title: "Warehouse return record", content: "RMA 77120 received 2026-11-08, condition A. Refund job failed: PSP timeout, not retried." },
      { title: "Chargeback notice", content: "Issuer reason code 13.6 (credit not processed). Opened 2026-11-21. Response due 2026-12-05." },
    ],
    priority: "urgent",
  },
  {
    externalId: "rt-40171",
    receivedMinutesAgo: 505,
    input: "The lamp shade is cracked, see photo. The lamp itself works. What can you do?",
    aiOutput: "Offer a partial refund of 30% (€26.97) and let the customer keep the lamp; a replacement shade is not sold separately.",
    confidence: 0.58,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "low_confidence",
      explanation: "Damage assessment from the photo is uncertain (crack visible in 1 of 3 images); partial-refund percentage has no fixed rule.",
    },
    contextSummary:
      "Table lamp (€89.90) with a cracked shade; it still works. The customer asks what we can offer rather than demanding a refund. " +
      "The model suggests 30% back and keeping the lamp. Full return and refund would cost about €18 in shipping both ways.",
    evidence: [
      { title: "Customer photos (3)", url: "https://backoffice.example.com/tickets/T-51930/attachments" },
      { title: "Partial refund guidance", content: "Cosmetic damage, product usable: 10–30% at agent discretion. Functional damage: full refund or replacement." },
    ],
    priority: "low",
  },
  {
    externalId: "rt-40177",
    receivedMinutesAgo: 600,
    input: "Wrong item!!! I ordered the blue one. Refund now.",
    aiOutput: { decision: "refund", amount: 54.0, currency: "EUR", requireReturn: true, returnLabel: "prepaid" },
    confidence: 0.35,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "missing_evidence",
      explanation: "Wrong-item claim without a photo; the packing record shows the blue variant was picked.",
    },
    contextSummary:
      "Customer says they received the wrong colour of a backpack (€54.00). Warehouse records say the blue variant (SKU BP-22-BLU) was picked and packed. " +
      "No photo yet. A prepaid return with refund on receipt protects us either way; exchanging for the right colour is also possible.",
    evidence: [{ title: "Pick and pack record", content: "SKU BP-22-BLU picked 2026-11-17 10:02 by station 4, weight check passed." }],
    priority: "normal",
  },
  {
    externalId: "rt-40185",
    receivedMinutesAgo: 690,
    input: { subscriptionId: "SUB-33018", plan: "Streaming Plus monthly", price: 19.99, currency: "GBP", cancelledOnDay: 19, request: "refund unused days" },
    aiOutput: { decision: "partial_refund", amount: 7.33, currency: "GBP", basis: "pro rata, 11 of 30 days unused" },
    confidence: 0.62,
    model: "refund-triage-llm v3.1",
    escalationReason: {
      code: "policy_threshold",
      explanation: "UK subscriptions are not refunded pro rata by default; the model proposed an exception.",
    },
    contextSummary:
      "UK customer cancelled a monthly subscription on day 19 and asks for the unused days back. Our UK terms say cancellations take effect at the end of the billing period without refund. " +
      "The model proposes £7.33 pro rata, citing the customer's complaint about a 4-day outage this month.",
    evidence: [{ title: "Service status: outage 2026-11-03 to 2026-11-07", url: "https://status.example.com/incidents/2026-11-03" }],
    priority: "low",
    metadata: { channel: "email", market: "UK" },
  },
];

import type { DemoEscalation } from "./types";

/** Refund triage, part 2: older items, including two that are already past their due time. */
export const refundTriageEscalations2: DemoEscalation[] = [
  {
    externalId: "rt-40192",
    receivedMinutesAgo: 810,
    input: { orderId: "40192", customerType: "business", items: 40, product: "Ergo office chair", unitPrice: 219.0, returnReason: "office closed" },
    aiOutput: { decision: "refund", amount: 7884.0, currency: "EUR", restockingFee: 876.0, note: "10% restocking fee for B2B returns" },
    confidence: 0.79,
    model: "refund-triage-llm v3.2",
    escalationReason: { code: "high_value", explanation: "€7,884 refund, and B2B returns of more than 10 units need approval by a human." },
    contextSummary:
      "A business customer returns 40 unused office chairs (€8,760) because their office closed. B2B terms allow returns within 30 days with a 10% restocking fee; " +
      "they are on day 22. The model applied the fee correctly; check that all 40 chairs are back and unassembled before approving.",
    evidence: [
      { title: "B2B terms, returns", url: "https://business.example.com/terms#returns" },
      { title: "Warehouse intake", content: "2 pallets received 2026-11-20. Counted 40 boxes, 38 sealed, 2 opened (contents complete)." },
    ],
    priority: "high",
  },
  {
    externalId: "rt-40197",
    receivedMinutesAgo: 900,
    input:
      "Form field 'requested outcome': FULL REFUND\nMessage: honestly the blender is fine, it's just louder than I expected. " +
      "I'll keep it if you can knock 20 euros off, otherwise I'll send it back.",
    aiOutput: { decision: "refund", amount: 129.0, currency: "EUR", requireReturn: true },
    confidence: 0.44,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "conflicting_signals",
      explanation: "The structured form asks for a full refund; the free-text message asks for a €20 discount and offers to keep the item.",
    },
    contextSummary:
      "Blender (€129.00) works but is louder than expected. The form says full refund, the message says the customer would keep it for €20 off. " +
      "The model went with the form field. A €20 partial refund is cheaper than a return (about €15 shipping plus handling) and is what the customer actually asked for.",
    priority: "normal",
  },
  {
    externalId: "rt-40203",
    receivedMinutesAgo: 1020,
    dueInHours: 10,
    input: { orderId: "40203", product: "Barista One espresso machine", amount: 1249.0, currency: "EUR", issue: "leaking from the boiler after 3 weeks" },
    aiOutput: { decision: "refund", amount: 1249.0, currency: "EUR", requireReturn: true, returnLabel: "freight_pickup" },
    confidence: 0.81,
    model: "refund-triage-llm v3.2",
    escalationReason: { code: "high_value", explanation: "Refunds above €1,000 always go to a human." },
    contextSummary:
      "Espresso machine (€1,249) leaks from the boiler after 3 weeks; the customer sent a video. A leak is a functional defect, so a refund or repair is owed. " +
      "The manufacturer offers on-site repair within 10 days; the customer asked for a refund, not a repair.",
    evidence: [
      { title: "Customer video", url: "https://backoffice.example.com/tickets/T-52044/attachments/leak.mp4" },
      { title: "Manufacturer warranty terms", url: "https://www.example-barista.com/warranty" },
    ],
    priority: "high",
  },
  {
    externalId: "rt-40210",
    receivedMinutesAgo: 1180,
    input:
      "I'm a single mum and I can't afford to lose this money. The stroller you sent has a broken wheel and I've been waiting 10 days for an answer. " +
      "If I don't hear back I'll go to consumer protection.",
    aiOutput: "Refund €289.00 in full to the original payment method, send a prepaid return label, and apologise for the delay.",
    confidence: 0.7,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "vulnerable_customer",
      explanation: "The message mentions financial hardship; our conduct policy requires a person to handle vulnerable customers.",
    },
    contextSummary:
      "Stroller (€289.00) arrived with a broken wheel; the customer waited 10 days for an answer (our SLA is 48 hours) and mentions financial hardship. " +
      "The refund is clearly owed. Make sure the reply is personal and consider refunding before the return arrives.",
    evidence: [{ title: "Ticket timeline", content: "2026-11-10 first contact (email)\n2026-11-13 reminder\n2026-11-19 reminder, tone escalating\nNo agent reply recorded." }],
    priority: "high",
    metadata: { channel: "email", market: "IE" },
  },
  {
    externalId: "rt-40216",
    receivedMinutesAgo: 1400,
    input: { orderId: "40216", seller: "third-party: NordicLamps AB", product: "Floor lamp", amount: 145.0, currency: "SEK", claim: "not as described" },
    aiOutput: { decision: "refund", amount: 145.0, currency: "SEK", fundedBy: "platform" },
    confidence: 0.31,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "out_of_distribution",
      explanation: "Marketplace (third-party seller) orders are rare in the training data, and the amount looks like a currency mix-up.",
    },
    contextSummary:
      "Marketplace order from a Swedish seller, listed as 145 SEK (about €12.60), which is implausibly low for a floor lamp: probably 1,450 SEK. " +
      "For marketplace orders the seller funds refunds, not us; the model put 'platform'. Check the real amount and route it to the seller's claim process.",
    evidence: [{ title: "Marketplace refund rules", url: "https://sellers.example.com/policies/refunds" }],
    priority: "normal",
  },
  {
    externalId: "rt-40221",
    receivedMinutesAgo: 1650,
    input: "I bought the robot vacuum on the 12th for €399 and now it's €329 on your site. Can I get the difference?",
    aiOutput: { decision: "price_adjustment", amount: 70.0, currency: "EUR", basis: "price match within 14 days" },
    confidence: 0.86,
    model: "refund-triage-llm v3.2",
    escalationReason: { code: "policy_threshold", explanation: "Price adjustments above €50 need human approval." },
    contextSummary:
      "Price dropped by €70 nine days after purchase; our price-protection promise covers 14 days. Straightforward apart from the €50 threshold. " +
      "Check that the lower price is our own price and not a marketplace listing.",
    evidence: [{ title: "Price history, SKU RV-800", content: "2026-11-12 €399.00\n2026-11-19 €329.00 (Black Week campaign, own stock)" }],
    priority: "low",
  },
  {
    externalId: "rt-40229",
    receivedMinutesAgo: 1900,
    input: { orderId: "40229", channel: "chat", request: "refund", amount: 24.9, currency: "EUR", duplicateOf: "email ticket T-52210" },
    aiOutput: { decision: "refund", amount: 24.9, currency: "EUR", method: "original_payment" },
    confidence: 0.93,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "possible_duplicate",
      explanation: "The same refund was requested by email 40 minutes earlier; a refund may already be in progress.",
    },
    contextSummary:
      "Customer asked for the same €24.90 refund in chat and by email. If the email ticket already triggered the refund, reject this one as a duplicate; " +
      "otherwise approve. The refund itself is uncontroversial (item out of stock, never shipped).",
    evidence: [{ title: "Email ticket T-52210", url: "https://backoffice.example.com/tickets/T-52210" }],
    priority: "low",
  },
  {
    externalId: "rt-40234",
    receivedMinutesAgo: 2300,
    input: "Dzień dobry, zamówiłam sukienkę w rozmiarze M, przyszła S. Chcę zwrot pieniędzy albo wymianę, co będzie szybsze.",
    aiOutput: {
      decision: "exchange",
      amount: 0,
      currency: "PLN",
      translation: "Hello, I ordered the dress in size M, it came in S. I want a refund or an exchange, whichever is faster.",
    },
    confidence: 0.48,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "translation_uncertain",
      explanation: "Polish is not a supported language for automatic decisions; the model translated the message itself.",
    },
    contextSummary:
      "Polish customer received a dress in size S instead of M. She accepts a refund or an exchange, whichever is faster. " +
      "The model chose an exchange; size M is in stock, so an exchange ships tomorrow, while a refund waits for the return (about 7 days). Check the translation.",
    priority: "normal",
    metadata: { channel: "email", market: "PL", language: "pl" },
  },
  {
    externalId: "rt-40240",
    receivedMinutesAgo: 2750,
    dueInHours: -1,
    input: { orderId: "40240", amount: 612.0, currency: "EUR", refundTo: "card ••9034", originalPayment: "card ••1177", cardAddedMinutesAgo: 130 },
    aiOutput: { decision: "refund", amount: 612.0, currency: "EUR", destination: "card ••9034" },
    confidence: 0.66,
    model: "refund-triage-llm v3.2",
    escalationReason: {
      code: "payment_method_changed",
      explanation: "The refund destination differs from the original payment method, and that card was added to the account about 2 hours ago.",
    },
    contextSummary:
      "Refund of €612 for a returned TV, requested to a card added 2 hours earlier, not the card that paid. The account's email was also changed yesterday. " +
      "This pattern matches account takeover. Refunds must go to the original payment method unless identity has been re-verified.",
    evidence: [
      { title: "Account change log", content: "2026-11-19 21:04 email changed (new domain)\n2026-11-20 08:51 card ••9034 added\n2026-11-20 09:02 refund requested" },
      { title: "Fraud playbook: refund redirection", url: "https://wiki.example.com/fraud/refund-redirection" },
    ],
    priority: "urgent",
  },
  {
    externalId: "rt-40247",
    receivedMinutesAgo: 4100,
    dueInHours: -20,
    input: "Our catering order (order 40247) arrived 3 hours late, after the event had ended. We had to buy food elsewhere. We expect a full refund.",
    aiOutput: { decision: "partial_refund", amount: 180.0, currency: "EUR", basis: "delivery fee plus 50% of goods", orderTotal: 420.0 },
    confidence: 0.56,
    model: "refund-triage-llm v3.1",
    escalationReason: {
      code: "policy_threshold",
      explanation: "Perishable goods delivered late: the policy leaves the amount to staff, and the model's proposal is below what the customer claims.",
    },
    contextSummary:
      "Catering order (€420.00) delivered 3 hours late, after the customer's event. The food was accepted at the door but was of no use. " +
      "The courier's log confirms the delay (vehicle breakdown). The model offers €180; the customer expects €420. This item is already past its response deadline.",
    evidence: [{ title: "Courier log", content: "Planned 11:30, delivered 14:41. Cause: vehicle breakdown on route, replacement van dispatched 12:55." }],
    priority: "high",
    metadata: { channel: "phone", market: "NL" },
  },
];

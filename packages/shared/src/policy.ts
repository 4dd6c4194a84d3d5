import { z } from "zod";
import { wellFormedText } from "./exact";

/**
 * A number an admin types into the policy form, refused in the form's own words: the message
 * names the field as the form labels it and says the range, and an empty or non-numeric entry
 * says "enter a number" (zod's default would be "expected number, received NaN").
 */
function bounded(label: string, rule: { min: number; max: number; unit?: string; whole?: boolean }) {
  const range = `${label} must be ${rule.whole ? "a whole number " : ""}from ${rule.min} to ${rule.max}${rule.unit ? ` ${rule.unit}` : ""}`;
  const number = z.number({ error: `${label}: enter a number` }).min(rule.min, range).max(rule.max, range);
  return rule.whole ? number.int(range) : number;
}

export const checklistItemSchema = z.strictObject({
  id: wellFormedText("checklist item id")
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "A checklist item's id is lowercase letters, digits and dashes (at most 64)"),
  text: wellFormedText("checklist item text").trim().min(3, "A checklist item needs at least 3 characters").max(300, "A checklist item can have at most 300 characters"),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/**
 * Six calendar months: the least the EU AI Act allows for keeping a high-risk system's logs
 * (Art. 19(1) for providers, 26(6) for deployers). Counted in calendar months, not days: six
 * months from 1 July end on 1 January, 184 days later.
 */
export const minRetentionMonths = 6;

/**
 * Policies stored before retention was counted in calendar months carry `retentionDays`;
 * they read as the whole months that keep at least as long (183 days: 7 months).
 */
function fromRetentionDays(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("retentionDays" in value)) return value;
  const { retentionDays, ...rest } = value as { retentionDays: unknown };
  if ("retentionMonths" in rest || (retentionDays !== null && typeof retentionDays !== "number")) return value;
  const months = retentionDays === null ? null : Math.max(minRetentionMonths, Math.ceil((retentionDays * 12) / 365));
  return { ...rest, retentionMonths: months };
}

/**
 * What the AI system must do with an escalation whose dueAt passed before anyone decided it:
 * hold (do not act on the AI output), reject (treat it as rejected) or escalate (route it to the
 * AI system's own fallback or escalation path). Countersign never decides in a human's place:
 * an expired escalation is announced as expired, with this instruction.
 */
export const overdueActions = ["hold", "reject", "escalate"] as const;
export type OverdueAction = (typeof overdueActions)[number];

/** The instruction an expired decision carries, in words an AI team reads once and codes against. */
export const overdueInstruction: Record<OverdueAction, string> = {
  hold: "do not act on the AI output: no human decided it in time",
  reject: "treat the AI output as rejected: no human approved it in time",
  escalate: "route the case to the AI system's own fallback or escalation path: no human decided it in time",
};

/** The longest lease when a policy does not say: four default leases. */
export const defaultMaxLeaseMinutes = 60;

/** The review policy of one AI system. Every rule here is enforced by the server. */
export const reviewPolicySchema = z.preprocess(fromRetentionDays, z.strictObject({
  checklist: z
    .array(checklistItemSchema)
    .min(1, "The checklist needs at least one item")
    .max(20, "The checklist can hold at most 20 items")
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "Each checklist item needs its own id"),
  minRationaleChars: bounded("Minimum rationale", { min: 1, max: 5000, unit: "characters", whole: true }).default(40),
  minDwellSeconds: bounded("Minimum time before approval", { min: 0, max: 3600, unit: "seconds", whole: true }).default(20),
  leaseMinutes: bounded("Lease", { min: 1, max: 480, unit: "minutes", whole: true }).default(15),
  /**
   * The longest a claim can last: each heartbeat of an active review screen extends the lease by
   * leaseMinutes, never past this many minutes after the claim. Bounds the dwell an item may ask for.
   */
  maxLeaseMinutes: bounded("Longest lease", { min: 1, max: 480, unit: "minutes", whole: true }).default(defaultMaxLeaseMinutes),
  /** Dwell that scales: extra seconds per 1,000 characters there is to read. */
  dwellSecondsPer1000Chars: bounded("Extra dwell per 1,000 characters", { min: 0, max: 600, unit: "seconds" }).default(0),
  /** Dwell that scales with priority: the base and per-length time are multiplied by this. */
  dwellPriorityFactor: z
    .strictObject({
      low: bounded("Dwell factor, low priority", { min: 0.1, max: 10 }),
      normal: bounded("Dwell factor, normal priority", { min: 0.1, max: 10 }),
      high: bounded("Dwell factor, high priority", { min: 0.1, max: 10 }),
      urgent: bounded("Dwell factor, urgent priority", { min: 0.1, max: 10 }),
    })
    .default({ low: 1, normal: 1, high: 1.25, urgent: 1.5 }),
  /** The reviewer records their own verdict before the AI output and confidence are revealed. */
  judgementFirst: z.boolean().default(false),
  /** Approval needs at least one evidence item opened and named as supporting the decision. */
  evidenceRequired: z.boolean().default(false),
  /** Share of approvals that must pass an attention check first (0 = never). */
  attentionCheckRate: bounded("Attention checks", { min: 0, max: 1 }).default(0),
  /** Share of arrivals (and so of claims) that are gold copies; at 0 a copy is served only when nothing else waits. */
  goldRate: bounded("Gold items", { min: 0, max: 0.5 }).default(0),
  /** A rationale this similar (word-shingle Jaccard) to a recent one of the reviewer's, or to the AI output, is refused. */
  maxRationaleSimilarity: bounded("Copied-rationale similarity", { min: 0.5, max: 1 }).default(0.9),
  /**
   * The two-person rule: how many different qualified reviewers must each verify an escalation,
   * without seeing the others' verifications, before it is decided. EU AI Act Art. 14(5) requires
   * two for remote biometric identification (Annex III 1(a)), which excludes identity verification;
   * for any other system it is the deployer's own four-eyes policy.
   */
  requiredVerifications: z
    .number({ error: "Independent verifications required must be 1, 2 or 3" })
    .int("Independent verifications required must be 1, 2 or 3")
    .min(1, "Independent verifications required must be 1, 2 or 3 (1: one reviewer decides; 2: the two-person rule)")
    .max(3, "Independent verifications required must be 1, 2 or 3 (1: one reviewer decides; 2: the two-person rule)")
    .default(1),
  /**
   * Calendar months after its decision that an escalation's content and verifications are kept;
   * null keeps them indefinitely. Audit entries (ids and hashes only) are never purged.
   */
  /** When dueAt passes undecided the escalation expires; this is what the AI system is told to do (fail closed: hold). */
  onOverdue: z.enum(overdueActions, { error: `onOverdue must be one of ${overdueActions.join(", ")}` }).default("hold"),
  retentionMonths: z
    .number({ error: "Keep decided escalations for: enter a whole number of calendar months" })
    .int("Keep decided escalations for: enter a whole number of calendar months")
    .min(
      minRetentionMonths,
      `Keep decided escalations for at least ${minRetentionMonths} months: logs of a high-risk AI system are kept at least six months (EU AI Act Art. 19(1), 26(6))`,
    )
    .max(1200, "Keep decided escalations for at most 1200 months (100 years)")
    .nullable()
    .default(null),
}));
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

/**
 * The review screen sends a heartbeat this often while it is visible and focused; the server
 * credits at most this much active time per heartbeat.
 */
export const heartbeatSeconds = 10;
/** A heartbeat this late after the previous one still counts (timers and networks jitter); later, the gap earns nothing. */
export const heartbeatGraceSeconds = 5;

/**
 * Only this share of the longest lease may be asked as dwell: the rest is for writing the
 * analysis and for moments the page was not in front of the reviewer.
 */
export const dwellShareOfMaxLease = 0.75;

/** A stored policy may predate maxLeaseMinutes; the lease never ends before leaseMinutes. */
export function maxLeaseMinutesOf(policy: Pick<ReviewPolicy, "leaseMinutes" | "maxLeaseMinutes">): number {
  return Math.max(policy.leaseMinutes, policy.maxLeaseMinutes);
}

/** The most dwell any item of this system can require: whatever its length and priority, it fits the longest lease. */
export function dwellCeilingSeconds(policy: Pick<ReviewPolicy, "leaseMinutes" | "maxLeaseMinutes">): number {
  return Math.floor(maxLeaseMinutesOf(policy) * 60 * dwellShareOfMaxLease);
}

/**
 * A policy as an admin sets it: the lease maximum is at least the lease, and the base dwell at the
 * highest priority factor fits within the longest lease (otherwise every item would be capped, and
 * the configured minimum would be a fiction). Stored policies are read with the plain schema and
 * capped instead, so a rule added later never makes an existing system unreadable.
 */
export const settableReviewPolicySchema = reviewPolicySchema.superRefine((policy, ctx) => {
  if (policy.maxLeaseMinutes < policy.leaseMinutes) {
    ctx.addIssue({
      code: "custom",
      path: ["maxLeaseMinutes"],
      message: `Longest lease (${policy.maxLeaseMinutes} minutes) must be at least the lease (${policy.leaseMinutes} minutes)`,
    });
    return;
  }
  const factor = Math.max(...Object.values(policy.dwellPriorityFactor));
  const base = Math.ceil(policy.minDwellSeconds * factor);
  const ceiling = dwellCeilingSeconds(policy);
  if (base > ceiling) {
    ctx.addIssue({
      code: "custom",
      path: ["minDwellSeconds"],
      message: `Minimum time before approval × the highest dwell factor (${policy.minDwellSeconds} s × ${factor} = ${base} s) cannot be met within the longest lease: at most ${ceiling} s of dwell fit in ${policy.maxLeaseMinutes} minutes; raise the longest lease or lower the minimum time`,
    });
  }
});

export const defaultChecklist: ChecklistItem[] = [
  { id: "output-matches-input", text: "The AI output answers what was asked" },
  { id: "evidence-supports", text: "The evidence supports the AI output" },
  { id: "policy-compliant", text: "The outcome complies with our policy" },
];

export const defaultReviewPolicy: ReviewPolicy = reviewPolicySchema.parse({ checklist: defaultChecklist });

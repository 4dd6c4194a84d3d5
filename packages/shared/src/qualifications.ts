import { z } from "zod";
import { wellFormedText } from "./exact";

/** What a qualification lets a reviewer do for one AI system (EU AI Act Art. 26(2): competence, training, authority). */
export const authorities = ["review", "override", "stop"] as const;
export const authoritySchema = z.enum(authorities, { error: "authority must be review, override or stop" });
export type Authority = z.infer<typeof authoritySchema>;

/** in_force: valid now and not revoked; the others say why not. */
export const qualificationStatuses = ["in_force", "not_yet_valid", "expired", "revoked"] as const;
export type QualificationStatus = (typeof qualificationStatuses)[number];

const isoDateTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2026-11-22T00:00:00Z` });

export const grantQualificationInputSchema = z
  .strictObject({
    userId: wellFormedText("userId").min(1, "userId is required"),
    systemId: wellFormedText("systemId").min(1, "systemId is required"),
    /** The training or competence, e.g. "Refund policy and fraud signals course, 2026 edition". */
    training: wellFormedText("training")
      .trim()
      .min(3, "training must say what the training or competence is (at least 3 characters)")
      .max(500, "training must be at most 500 characters"),
    obtainedAt: isoDateTime("obtainedAt"),
    expiresAt: isoDateTime("expiresAt"),
    authority: z
      .array(authoritySchema)
      .min(1, "grant at least one authority: review, override or stop")
      .transform((list) => authorities.filter((a) => list.includes(a))),
  })
  .refine((q) => Date.parse(q.expiresAt) > Date.parse(q.obtainedAt), {
    path: ["expiresAt"],
    message: "expiresAt must be after obtainedAt",
  });
export type GrantQualificationInput = z.input<typeof grantQualificationInputSchema>;

export const revokeQualificationInputSchema = z.strictObject({
  qualificationId: wellFormedText("qualificationId").min(1, "qualificationId is required"),
  reason: wellFormedText("reason").trim().min(5, "reason must be at least 5 characters").max(1000, "reason must be at most 1000 characters"),
});

export const listQualificationsInputSchema = z
  .strictObject({
    systemId: wellFormedText("systemId").min(1).optional(),
    userId: wellFormedText("userId").min(1).optional(),
    /** Also list expired, revoked and not-yet-valid qualifications. */
    includeInactive: z.boolean().default(false),
  })
  .default({ includeInactive: false });

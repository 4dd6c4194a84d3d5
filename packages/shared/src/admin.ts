import { z } from "zod";
import { wellFormedText } from "./exact";
import { oversightModeSchema, roleSchema } from "./enums";
import { settableReviewPolicySchema } from "./policy";
import { traceLinkTemplateSchema } from "./tracing";

export const emailSchema = z
  .email({ error: "Email must be a valid email address, like name@example.com" })
  .trim()
  .toLowerCase()
  .max(254, "Email can have at most 254 characters");

export const signInInputSchema = z.strictObject({
  email: wellFormedText("email").trim().toLowerCase().min(1, "email is required").max(254),
  password: wellFormedText("password").min(1, "password is required").max(200),
});

export const rolesSchema = z
  .array(roleSchema)
  .min(1, "A user needs at least one role")
  .transform((list) => [...new Set(list)]);

export const createUserInputSchema = z.strictObject({
  email: emailSchema,
  name: wellFormedText("name").trim().min(1, "Name is required").max(120, "Name can have at most 120 characters"),
  roles: rolesSchema,
});

export const setUserRolesInputSchema = z.strictObject({ userId: wellFormedText("userId").min(1), roles: rolesSchema });
export const setUserActiveInputSchema = z.strictObject({ userId: wellFormedText("userId").min(1), active: z.boolean() });

export const slugSchema = wellFormedText("slug")
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Slug must be 2–63 lowercase letters, digits and dashes, starting with a letter or digit");

export const createSystemInputSchema = z.strictObject({
  slug: slugSchema,
  name: wellFormedText("name").trim().min(1, "Name is required").max(120, "Name can have at most 120 characters"),
  description: wellFormedText("description").trim().max(2000, "Description can have at most 2000 characters").default(""),
  oversightMode: oversightModeSchema,
  policy: settableReviewPolicySchema.optional(),
});
export type CreateSystemInput = z.input<typeof createSystemInputSchema>;

export const updateSystemInputSchema = z.strictObject({
  systemId: wellFormedText("systemId").min(1),
  name: wellFormedText("name").trim().min(1, "Name is required").max(120, "Name can have at most 120 characters"),
  description: wellFormedText("description").trim().max(2000, "Description can have at most 2000 characters"),
  oversightMode: oversightModeSchema,
  /** Where the system's traces open; null removes the links; left out keeps what is set. */
  traceLinkTemplate: traceLinkTemplateSchema.nullable().optional(),
});

export const setPolicyInputSchema = z.strictObject({ systemId: wellFormedText("systemId").min(1), policy: settableReviewPolicySchema });

export const issueKeyInputSchema = z.strictObject({
  systemId: wellFormedText("systemId").min(1),
  // A key says where it lives, so the one to revoke can be told from the others.
  label: wellFormedText("label").trim().min(1, "Key label is required: say where the key will live, e.g. production gateway").max(120, "Key label can have at most 120 characters"),
});
/** Per API key, per minute; the stop-state poll (GET /api/v1/system) has its own allowance on top. */
export const apiRequestsPerMinuteSchema = z
  .number({ error: "Requests per minute: enter a number" })
  .int("Requests per minute must be a whole number from 1 to 100000")
  .min(1, "Requests per minute must be a whole number from 1 to 100000")
  .max(100_000, "Requests per minute must be a whole number from 1 to 100000");
export const setApiRateLimitInputSchema = z.strictObject({ systemId: wellFormedText("systemId").min(1), requestsPerMinute: apiRequestsPerMinuteSchema });
export const revokeKeyInputSchema = z.strictObject({ keyId: wellFormedText("keyId").min(1) });

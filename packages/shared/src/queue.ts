import { z } from "zod";
import { wellFormedText } from "./exact";
import { escalationStatusSchema, prioritySchema } from "./enums";

export const queueSortKeys = ["priority", "age", "due", "confidence"] as const;

/** Queue filters; they live in the URL so a lead can share a view. */
export const queueFilterSchema = z.strictObject({
  system: wellFormedText("system").max(63).optional(),
  priority: prioritySchema.optional(),
  status: escalationStatusSchema.optional(),
  reason: wellFormedText("reason").max(100).optional(),
  search: wellFormedText("search").max(200).optional(),
  sort: z.enum(queueSortKeys).default("priority"),
  limit: z.number().int().min(1).max(500).default(100),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

export const claimInputSchema = z.strictObject({ escalationId: wellFormedText("escalationId").min(1).max(64) });

/**
 * The review screen's heartbeat. `leaving` is sent as the page is hidden or loses the focus: the
 * time up to it counts, and the stretch closes, so the time away earns nothing however short.
 */
export const heartbeatInputSchema = z.strictObject({
  escalationId: wellFormedText("escalationId").min(1).max(64),
  leaving: z.boolean().default(false),
});

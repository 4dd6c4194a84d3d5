import { z } from "zod";
import { refuseLoneSurrogates, wellFormedText } from "./exact";
import { eventTypeSchema, eventTypes } from "./events";

/** At most this many live endpoints per AI system: every event is sent once to each. */
export const maxWebhookEndpointsPerSystem = 20;

export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "url must be an http:// or https:// URL" })
  .trim()
  .max(2000, "url must be at most 2000 characters")
  .refine(...refuseLoneSurrogates("url"))
  .refine((value) => !/^https?:\/\/[^/?#]*@/i.test(value), "url must not carry a user name or password");

export const webhookEventsSchema = z
  .array(eventTypeSchema)
  .min(1, `events must name at least one of ${eventTypes.join(", ")}`)
  .max(eventTypes.length)
  .transform((list) => [...new Set(list)]);

/** `POST /api/v1/webhook-endpoints` and the workbench's "Add endpoint". */
export const webhookEndpointInputSchema = z.strictObject({ url: webhookUrlSchema, events: webhookEventsSchema });

export const addWebhookEndpointInputSchema = webhookEndpointInputSchema.extend({ systemId: wellFormedText("systemId").min(1) });
/** `/api/v1/webhook-endpoints/:id`: the id as the path carries it, refused like any text field when it holds NUL. */
export const webhookEndpointPathSchema = z.object({ id: wellFormedText("id").min(1) });
export const webhookEndpointIdInputSchema = z.strictObject({ endpointId: wellFormedText("endpointId").min(1) });
export const redeliverInputSchema = z.strictObject({ deliveryId: wellFormedText("deliveryId").min(1) });

/** A webhook endpoint as the REST API shows it: never its secret. */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  systemId: z.string(),
  url: z.string(),
  events: z.array(eventTypeSchema),
  status: z.enum(["active", "disabled"]),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
  previousSecretExpiresAt: z.string().nullable(),
});

/** Answered once, when the endpoint is added: the signing secret (`whsec_…`). */
export const webhookEndpointCreatedSchema = webhookEndpointSchema.extend({ secret: z.string() });
export const webhookSecretRotatedSchema = z.object({ id: z.string(), secret: z.string(), previousSecretExpiresAt: z.string() });

import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import { addWebhookEndpointInputSchema, redeliverInputSchema, webhookEndpointIdInputSchema } from "@countersign/shared/webhooks";
import { procedureWith, router } from "../../trpc/init";
import { addWebhookEndpoint } from "./add-endpoint";
import { deleteWebhookEndpoint } from "./delete-endpoint";
import { deliveryLog, listWebhookEndpoints } from "./queries";
import { redeliver } from "./redeliver";
import { rotateWebhookSecret } from "./rotate-secret";

export const webhooksRouter = router({
  list: procedureWith("manageWebhooks")
    .input(z.strictObject({ systemId: wellFormedText("systemId").min(1) }))
    .query(({ ctx, input }) => listWebhookEndpoints(ctx.deps.db, input.systemId, ctx.deps.now())),
  add: procedureWith("manageWebhooks").input(addWebhookEndpointInputSchema).mutation(({ ctx, input }) => {
    const { systemId, ...endpoint } = input;
    return addWebhookEndpoint(ctx.deps, { type: "user", id: ctx.user.id }, systemId, endpoint);
  }),
  delete: procedureWith("manageWebhooks")
    .input(webhookEndpointIdInputSchema)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.deps, { type: "user", id: ctx.user.id }, input.endpointId)),
  rotateSecret: procedureWith("manageWebhooks")
    .input(webhookEndpointIdInputSchema)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.deps, { type: "user", id: ctx.user.id }, input.endpointId)),
  deliveries: procedureWith("manageWebhooks").input(webhookEndpointIdInputSchema).query(({ ctx, input }) => deliveryLog(ctx.deps.db, input.endpointId)),
  redeliver: procedureWith("manageWebhooks")
    .input(redeliverInputSchema)
    .mutation(({ ctx, input }) => redeliver(ctx.deps, { type: "user", id: ctx.user.id }, input.deliveryId)),
});

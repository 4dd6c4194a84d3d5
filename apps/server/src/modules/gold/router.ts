import { z } from "zod";
import { wellFormedText } from "@countersign/shared/exact";
import { addGoldInputSchema, goldItemIdInputSchema, importGoldJsonlInputSchema } from "@countersign/shared/gold";
import { procedureWith, router } from "../../trpc/init";
import { addGoldItems, parseGoldJsonl } from "./add-gold";
import { deactivateGoldItem, listGoldItems } from "./manage";

export const goldRouter = router({
  list: procedureWith("readGoldItems")
    .input(z.strictObject({ systemId: wellFormedText("systemId").min(1) }))
    .query(({ ctx, input }) => listGoldItems(ctx.deps, input.systemId)),
  add: procedureWith("manageGoldItems")
    .input(addGoldInputSchema)
    .mutation(async ({ ctx, input }) => (await addGoldItems(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, [input.item]))[0]!),
  importJsonl: procedureWith("manageGoldItems").input(importGoldJsonlInputSchema).mutation(async ({ ctx, input }) => {
    const added = await addGoldItems(ctx.deps, { type: "user", id: ctx.user.id }, input.systemId, parseGoldJsonl(input.jsonl));
    return { imported: added.length };
  }),
  deactivate: procedureWith("manageGoldItems").input(goldItemIdInputSchema).mutation(async ({ ctx, input }) => {
    await deactivateGoldItem(ctx.deps, { type: "user", id: ctx.user.id }, input.goldItemId);
    return { ok: true };
  }),
});

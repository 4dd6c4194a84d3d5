import { z } from "zod";
import { escalationIdSchema } from "@countersign/shared/review";
import { explanationInputSchema, trailInputSchema } from "@countersign/shared/proof";
import { procedureWith, router } from "../../trpc/init";
import { checkpointSettings } from "../../audit/checkpoint";
import { decisionExplanation } from "./explanation";
import { signingKeyFor } from "../../audit/signing-key";
import { escalationTimeline } from "./timeline";
import { auditTrail } from "./trail";
import { verifyAuditLog } from "../../audit/verify";

export const auditRouter = router({
  timeline: procedureWith("readAuditTrail")
    .input(z.strictObject({ escalationId: escalationIdSchema }))
    .query(({ ctx, input }) => escalationTimeline(ctx.deps, input.escalationId)),
  /** The log's integrity, with what signs and witnesses it: the panel says what a witness would add. */
  verify: procedureWith("readAuditTrail").query(async ({ ctx }) => {
    const settings = checkpointSettings(ctx.deps.db);
    return { ...(await verifyAuditLog(ctx.deps.db)), checkpointEveryMinutes: settings.everyMinutes, witness: settings.witness ?? null };
  }),
  /** The full trail of one AI output, by escalation id or externalId (any system). */
  trail: procedureWith("readAuditTrail").input(trailInputSchema).query(({ ctx, input }) => auditTrail(ctx.deps, input.query)),
  /** A printable explanation of one decision (EU AI Act Art. 86). */
  explanation: procedureWith("readAuditTrail").input(explanationInputSchema).query(({ ctx, input }) => decisionExplanation(ctx.deps, input.escalationId)),
  /** The public key that verifies checkpoints and proof packs. */
  publicKey: procedureWith("readAuditTrail").query(({ ctx }) => {
    const key = signingKeyFor(ctx.deps.db);
    return { pem: key.publicKeyPem, keyId: key.keyId };
  }),
});

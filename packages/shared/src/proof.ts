import { z } from "zod";
import { wellFormedText } from "./exact";
import { escalationIdSchema } from "./review";

/** An escalation id or an AI system's externalId, of any system. */
export const trailInputSchema = z.strictObject({
  query: wellFormedText("query").trim().min(1, "enter an escalation id or an externalId").max(200, "the search must be at most 200 characters"),
});

export const explanationInputSchema = z.strictObject({ escalationId: escalationIdSchema });

const isoDateTime = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z` });

/** GET /exports/proof-pack?system=SLUG&from=ISO&to=ISO */
export const proofPackQuerySchema = z
  .strictObject({
    system: wellFormedText("system", { error: "system is required: the AI system's slug" }).trim().min(1, "system is required: the AI system's slug").max(63),
    from: isoDateTime("from"),
    to: isoDateTime("to"),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { path: ["to"], message: "to must be after from" });
export type ProofPackQuery = z.infer<typeof proofPackQuerySchema>;

/** What a witness adds to the signed checkpoints, said the same way in the workbench, the proof pack and the CLI. */
export const witnessAdds =
  "A signed checkpoint shows the log has not changed since it was signed; it cannot show the log was not rebuilt, because whoever holds the database and its signing key could rewrite entries, recompute the chain and sign it again. A witness keeps a copy of every checkpoint outside this server, so a rebuilt log no longer matches what was witnessed.";

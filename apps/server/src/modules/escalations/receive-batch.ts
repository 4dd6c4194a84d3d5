import { batchEscalationSchema, type BatchItemResult, type EscalationBatchResult } from "@countersign/shared/rest-api";
import type { EscalationStatus } from "@countersign/shared/enums";
import type { Deps } from "../../lib/context";
import { AppError, fieldIssues } from "../../lib/errors";
import { write } from "../../lib/tx";
import { auditChainWriter } from "../../audit/append";
import { receiveWith, statementsFor, type Intake } from "./receive";

/**
 * Receives many escalations at once. Each item is judged on its own, exactly as a single POST
 * would be: an invalid item (or a conflicting externalId) is refused with its own error, its
 * issue paths named `items.<index>.<field>`; every valid item is committed in one transaction,
 * so a crash leaves either all of them or none.
 */
export async function receiveBatch(deps: Deps, systemId: string, items: unknown[]): Promise<EscalationBatchResult> {
  const results: BatchItemResult[] = new Array(items.length);
  const valid: { index: number; body: Awaited<ReturnType<typeof batchEscalationSchema.parse>> }[] = [];
  items.forEach((item, index) => {
    const parsed = batchEscalationSchema.safeParse(item);
    if (parsed.success) valid.push({ index, body: parsed.data });
    else {
      const issues = fieldIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ["items", index, ...issue.path] })));
      results[index] = {
        index,
        result: "error",
        error: { code: "BAD_REQUEST", message: `invalid escalation: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues },
      };
    }
  });
  const now = deps.now();
  if (valid.length > 0) {
    await write(deps.db, async () => {
      const statements = statementsFor(deps.db);
      // One read for every externalId of the batch; rows received in it join the map as they are written.
      const known = new Map((await statements.existingAmong(systemId, [...new Set(valid.map((v) => v.body.externalId))])).map((e) => [e.externalId, e]));
      const intake: Intake = {
        existing: (_systemId, externalId) => known.get(externalId),
        insert: async (row) => {
          await statements.insert(row);
          known.set(row.externalId, { id: row.id!, externalId: row.externalId, requestHash: row.requestHash, status: "queued" });
        },
        audit: auditChainWriter(deps.db),
      };
      for (const { index, body } of valid) {
        const { traceparent, ...input } = body;
        try {
          const { created, ...received } = await receiveWith(intake, systemId, input, now, { traceparent });
          results[index] = { index, result: created ? "created" : "existing", ...received, status: received.status as EscalationStatus };
        } catch (error) {
          // Only a refusal is the item's own result; anything else rolls the whole batch back.
          if (!(error instanceof AppError)) throw error;
          const issues = error.issues.map((issue) => ({ ...issue, path: `items.${index}.${issue.path}` }));
          results[index] = { index, result: "error", error: { code: error.code, message: error.message, issues } };
        }
      }
    });
  }
  const count = (result: BatchItemResult["result"]) => results.filter((r) => r.result === result).length;
  return { created: count("created"), existing: count("existing"), failed: count("error"), results };
}

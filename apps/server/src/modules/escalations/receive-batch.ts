import { batchEscalationSchema, type BatchItemResult, type EscalationBatchResult } from "@countersign/shared/rest-api";
import type { EscalationStatus } from "@countersign/shared/enums";
import type { Deps } from "../../lib/context";
import { AppError, fieldIssues } from "../../lib/errors";
import { write } from "../../lib/tx";
import { receiveInTransaction } from "./receive";

/**
 * Receives many escalations at once. Each item is judged on its own, exactly as a single POST
 * would be: an invalid item (or a conflicting externalId) is refused with its own error, its
 * issue paths named `items.<index>.<field>`; every valid item is committed in one transaction,
 * so a crash leaves either all of them or none.
 */
export function receiveBatch(deps: Deps, systemId: string, items: unknown[]): EscalationBatchResult {
  const results: BatchItemResult[] = new Array(items.length);
  const valid: { index: number; body: ReturnType<typeof batchEscalationSchema.parse> }[] = [];
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
    write(deps.db, (tx) => {
      for (const { index, body } of valid) {
        const { traceparent, ...input } = body;
        try {
          const { created, ...received } = receiveInTransaction(tx, systemId, input, now, { traceparent });
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

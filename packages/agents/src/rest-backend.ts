import { Countersign, CountersignError } from "@countersign/client";
import type { ReviewBackend } from "./review";

/**
 * The ReviewBackend over Countersign's REST API, through @countersign/client (retries, and the
 * long-poll `?wait=`). A wait that runs out answers with the escalation as it stands, undecided,
 * which the adapters read as "do not act".
 */
export function restBackend(options: { baseUrl: string; apiKey: string }): ReviewBackend {
  const client = new Countersign(options);
  return {
    escalate: (body) => client.escalate(body),
    async waitForDecision(id, { timeoutMs }) {
      try {
        return await client.waitForDecision(id, { timeoutMs });
      } catch (error) {
        if (error instanceof CountersignError && error.code === "WAIT_TIMEOUT") return client.get(id);
        throw error;
      }
    },
  };
}

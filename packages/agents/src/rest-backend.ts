import type { EscalationInput, EscalationResource } from "@countersign/shared/escalation";
import type { ReviewBackend } from "./review";

/** A minimal ReviewBackend over Countersign's REST API (the long-poll `?wait=` where the server holds requests). */
export function restBackend({ baseUrl, apiKey }: { baseUrl: string; apiKey: string }): ReviewBackend {
  const request = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${baseUrl.replace(/\/$/, "")}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...init.headers },
    });
    const body = (await res.json()) as { error?: { message: string } };
    if (!res.ok) throw new Error(`Countersign answered ${res.status}: ${body.error?.message ?? "no reason given"}`);
    return body;
  };
  return {
    escalate: async (body: EscalationInput) => (await request("/api/v1/escalations", { method: "POST", body: JSON.stringify(body) })) as { id: string },
    async waitForDecision(id, { timeoutMs }) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const started = Date.now();
        const wait = Math.max(0, Math.min(30, Math.floor((deadline - Date.now()) / 1000)));
        const escalation = (await request(`/api/v1/escalations/${encodeURIComponent(id)}?wait=${wait}`)) as EscalationResource;
        if (escalation.status === "decided" || (escalation.status as string) === "expired" || Date.now() >= deadline) return escalation;
        // A server that answers at once (no long-poll) is not polled in a tight loop.
        if (Date.now() - started < 1000) await new Promise((done) => setTimeout(done, Math.min(1000, Math.max(0, deadline - Date.now()))));
      }
    },
  };
}

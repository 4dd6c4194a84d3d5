import type { Deps } from "../../lib/context";
import { deliverDue, type DeliveryOptions } from "./deliver";
import { fanOutEvents } from "./fan-out";

export const defaultDeliveryOptions: DeliveryOptions = { concurrency: 8, timeoutMs: 10_000 };

/** One round: new outbox events become deliveries, then whatever is due is sent. All state is in the database. */
export async function runWebhooksOnce(deps: Deps, options: DeliveryOptions = defaultDeliveryOptions) {
  const fannedOut = await fanOutEvents(deps);
  const sent = await deliverDue(deps, options);
  return { fannedOut, sent };
}

/** The server's webhook sender: a round every second, never two at once in this process. Returns stop. */
export function startWebhookWorker(deps: Deps, onError: (error: unknown) => void, options: DeliveryOptions = defaultDeliveryOptions, everyMs = 1_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runWebhooksOnce(deps, options)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  return () => clearInterval(timer);
}

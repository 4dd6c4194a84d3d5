import type { Deps } from "../../lib/context";
import { assembleMessages } from "./assemble";
import { deliverDue } from "./deliver";
import { noticeFacts } from "./notice";
import type { NotificationSettings } from "./settings";
import type { Transports } from "./transports";

/** One pass: notice what is new, gather what is due into messages, send them. */
export async function runNotifications(deps: Deps, settings: NotificationSettings, transports: Transports) {
  const noticed = await noticeFacts(deps, settings);
  const messages = await assembleMessages(deps, settings);
  const delivered = await deliverDue(deps, transports);
  return { ...noticed, messages, ...delivered };
}

/** Runs a pass every `everyMs`, never two at once. Returns the function that stops it. */
export function startNotificationWorker(
  deps: Deps,
  settings: NotificationSettings,
  transports: Transports,
  onError: (error: unknown) => void,
  everyMs = 30_000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runNotifications(deps, settings, transports);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  return () => clearInterval(timer);
}

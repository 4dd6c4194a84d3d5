import type { APIRequestContext } from "@playwright/test";
import { trpcMutation } from "./api";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's heartbeat interval (packages/shared/src/policy.ts heartbeatSeconds). */
const heartbeatSeconds = 10;

/**
 * Holds a claimed escalation for `seconds` as the review screen would with the page in front of
 * the reviewer: a heartbeat at least every interval and one at the end, so the server credits
 * the active time the dwell rule counts.
 */
export async function attend(api: APIRequestContext, escalationId: string, seconds: number) {
  for (let left = seconds; left > 0; left -= heartbeatSeconds) {
    await sleep(Math.min(heartbeatSeconds, left) * 1000);
    await trpcMutation(api, "queue.heartbeat", { escalationId });
  }
}

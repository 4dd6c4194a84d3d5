/**
 * AI systems waiting on a GET (`?wait=N`) for an escalation to be decided or to expire. The
 * lifecycle wakes them once that change has committed, so a wait costs a timer and a closure,
 * never a query per tick. In-process: a decision recorded by another process (the CLI) is seen
 * when the wait times out.
 */
const waiting = new Map<string, Set<() => void>>();

/** Resolves when the escalation settles, after `seconds`, or when the client goes away, whichever comes first. */
export function untilSettled(escalationId: string, seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (seconds <= 0 || signal?.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", wake);
      const set = waiting.get(escalationId);
      set?.delete(wake);
      if (set?.size === 0) waiting.delete(escalationId);
      resolve();
    };
    const timer = setTimeout(wake, seconds * 1000);
    signal?.addEventListener("abort", wake, { once: true });
    const set = waiting.get(escalationId) ?? new Set();
    set.add(wake);
    waiting.set(escalationId, set);
  });
}

/** Called by the lifecycle after a decided or expired transition commits. */
export function wakeWaiters(escalationId: string) {
  const set = waiting.get(escalationId);
  if (!set) return;
  for (const wake of [...set]) wake();
}

/** How many requests wait right now (tests check that a client that left is forgotten). */
export function waitingRequests(): number {
  let n = 0;
  for (const set of waiting.values()) n += set.size;
  return n;
}

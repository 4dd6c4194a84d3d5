import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "../../../lib/trpc";

type Lease = { activeSeconds: number; leaseExpiresAt: number; leaseEndsAtLatest: number };

/** The review screen is in front of the reviewer: visible and focused. */
export const isPresent = () => document.visibilityState === "visible" && document.hasFocus();

/**
 * The review screen's heartbeats: one every `heartbeatSeconds` while the page is visible and
 * focused, one marked `leaving` when it stops being so (the time away then earns nothing) and
 * one when it is back. The server
 * credits the active time and extends the lease; this hook only shows its answer, plus the
 * seconds since the last heartbeat while the reviewer is here (never more than one interval,
 * which is all the next heartbeat can earn). A hidden tab's countdown therefore stands still.
 * `stretch` names one claim: when it changes (the screen moved on to the next item, or the item
 * was claimed again) the lease shown starts again from `initial` and the heartbeats start over; an
 * answer for an earlier stretch arriving late is ignored.
 */
export function useAttention(escalationId: string, stretch: string, initial: Lease, heartbeatSeconds: number) {
  const trpc = useTRPC();
  const { mutateAsync: sendHeartbeat } = useMutation(trpc.queue.heartbeat.mutationOptions());
  const [answer, setAnswer] = useState<(Lease & { stretch: string }) | null>(null);
  const lease = answer?.stretch === stretch ? answer : initial;
  const [here, setHere] = useState(isPresent);
  // performance.now() of the last heartbeat sent while here: the start of the stretch the next one earns.
  const since = useRef({ stretch, at: performance.now() });
  if (since.current.stretch !== stretch) since.current = { stretch, at: performance.now() };

  const beat = useCallback(async () => {
    const leaving = !isPresent();
    if (!leaving) since.current = { stretch, at: performance.now() };
    try {
      const lease = await sendHeartbeat({ escalationId, leaving });
      setAnswer({ ...lease, stretch });
    } catch {
      // A refused heartbeat (lease expired, item decided) earns nothing; the screen shows the lease state.
    }
  }, [escalationId, stretch, sendHeartbeat]);

  useEffect(() => {
    let timer: number | undefined;
    const settle = () => {
      const now = isPresent();
      setHere(now);
      window.clearInterval(timer);
      timer = undefined;
      void beat();
      if (now) timer = window.setInterval(() => void beat(), heartbeatSeconds * 1000);
    };
    settle();
    document.addEventListener("visibilitychange", settle);
    window.addEventListener("focus", settle);
    window.addEventListener("blur", settle);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", settle);
      window.removeEventListener("focus", settle);
      window.removeEventListener("blur", settle);
    };
  }, [beat, heartbeatSeconds]);

  const running = here ? Math.min((performance.now() - since.current.at) / 1000, heartbeatSeconds) : 0;
  return { activeSeconds: lease.activeSeconds + running, leaseExpiresAt: lease.leaseExpiresAt, leaseEndsAtLatest: lease.leaseEndsAtLatest, here, beat };
}

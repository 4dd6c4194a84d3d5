import { useRef } from "react";
import { useNow } from "../../../hooks/use-now";

/**
 * The server's "now", ticking every second: the browser clock corrected by the skew seen when
 * the view arrived (serverNow vs. the moment we received it). Latency only ever makes that
 * sample lag, so the largest sample is the best one, and the countdown never runs backwards
 * or ends before the server agrees.
 */
export function useServerClock(serverNow: number, receivedAt: number): number {
  const best = useRef<number | null>(null);
  const sample = serverNow - receivedAt;
  if (serverNow > 0 && (best.current === null || sample > best.current)) best.current = sample;
  return useNow(1000, best.current ?? 0);
}

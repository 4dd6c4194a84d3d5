import { useNow } from "../../../hooks/use-now";

/**
 * The server's "now", ticking every second: the browser clock corrected by the skew seen when
 * the view arrived (serverNow vs. the moment we received it). Latency makes it lag slightly,
 * so a countdown never ends before the server agrees.
 */
export function useServerClock(serverNow: number, receivedAt: number): number {
  return useNow(1000, serverNow - receivedAt);
}

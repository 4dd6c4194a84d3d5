import { useEffect } from "react";
import { releasedOnLeaveKey } from "../utils/released-on-leave";

/**
 * When the tab closes (or navigates away from the workbench) the item goes back to the queue at
 * once, rather than waiting out the lease. A keepalive fetch outlives the page; it is the same
 * JSON tRPC mutation from the same origin as the Release button, so it passes the same guard.
 * A reload also leaves the page: the id is kept for this tab, so the screen can claim it again.
 */
export function useReleaseOnLeave(escalationId: string) {
  useEffect(() => {
    const leave = () => {
      sessionStorage.setItem(releasedOnLeaveKey, escalationId);
      void fetch("/trpc/queue.release", {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ escalationId }),
      }).catch(() => undefined);
    };
    window.addEventListener("pagehide", leave);
    return () => window.removeEventListener("pagehide", leave);
  }, [escalationId]);
}


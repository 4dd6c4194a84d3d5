import { useEffect } from "react";

const leftKey = "countersign.releasedOnLeave";

/**
 * When the tab closes (or navigates away from the workbench) the item goes back to the queue at
 * once, rather than waiting out the lease. A keepalive fetch outlives the page; it is the same
 * JSON tRPC mutation from the same origin as the Release button, so it passes the same guard.
 * A reload also leaves the page: the id is kept for this tab, so the screen can claim it again.
 */
export function useReleaseOnLeave(escalationId: string) {
  useEffect(() => {
    const leave = () => {
      sessionStorage.setItem(leftKey, escalationId);
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

/** This tab released the item as it left it (a reload): asked without taking the answer. */
export const releasedOnLeave = (escalationId: string) => sessionStorage.getItem(leftKey) === escalationId;

/** This tab released the item as it left it (a reload, or back after leaving): the reviewer wants it back. */
export function takeReleasedOnLeave(escalationId: string): boolean {
  if (sessionStorage.getItem(leftKey) !== escalationId) return false;
  sessionStorage.removeItem(leftKey);
  return true;
}

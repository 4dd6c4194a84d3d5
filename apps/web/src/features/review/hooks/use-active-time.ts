import { useCallback, useEffect, useRef } from "react";

const storageKey = (escalationId: string) => `countersign.active.${escalationId}`;

function isActive() {
  return document.visibilityState === "visible" && document.hasFocus();
}

/**
 * Seconds this page was visible AND focused while the reviewer held the item. Kept in
 * sessionStorage so a reload does not lose it; the server caps it at the time since the claim.
 */
export function useActiveTime(escalationId: string) {
  const total = useRef(Number(sessionStorage.getItem(storageKey(escalationId))) || 0);
  const since = useRef<number | null>(null);

  useEffect(() => {
    const key = storageKey(escalationId);
    const settle = () => {
      if (since.current !== null) {
        total.current += (performance.now() - since.current) / 1000;
        since.current = null;
      }
      if (isActive()) since.current = performance.now();
      sessionStorage.setItem(key, String(Math.round(total.current)));
    };
    settle();
    const timer = window.setInterval(settle, 1000);
    document.addEventListener("visibilitychange", settle);
    window.addEventListener("focus", settle);
    window.addEventListener("blur", settle);
    return () => {
      settle();
      since.current = null;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", settle);
      window.removeEventListener("focus", settle);
      window.removeEventListener("blur", settle);
    };
  }, [escalationId]);

  const read = useCallback(() => {
    const running = since.current !== null ? (performance.now() - since.current) / 1000 : 0;
    return Math.round(total.current + running);
  }, []);
  const forget = useCallback(() => sessionStorage.removeItem(storageKey(escalationId)), [escalationId]);
  return { read, forget };
}

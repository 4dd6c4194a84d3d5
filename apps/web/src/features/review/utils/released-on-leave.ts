/**
 * The id of the item this tab let go of as it left (a reload), kept for this tab only. Apart from
 * the hook that writes it. The page's first script (app/early-requests.ts) reads the same key.
 */
export const releasedOnLeaveKey = "countersign.releasedOnLeave";

/** This tab released the item as it left it (a reload): asked without taking the answer. */
export const releasedOnLeave = (escalationId: string) => sessionStorage.getItem(releasedOnLeaveKey) === escalationId;

/** This tab released the item as it left it (a reload, or back after leaving): the reviewer wants it back. */
export function takeReleasedOnLeave(escalationId: string): boolean {
  if (sessionStorage.getItem(releasedOnLeaveKey) !== escalationId) return false;
  sessionStorage.removeItem(releasedOnLeaveKey);
  return true;
}

import type { EarlyAnswers, EarlyEnvelope } from "./early-answers";

/*
 * The page's first script: a classic script of its own, named in index.html before the app's code
 * and built apart from it (see vite.config.ts), so it runs the moment the page starts. It asks for
 * what the first screen cannot be drawn without — the session, and on a review's address the
 * escalation — while the app's code is still arriving and compiling, rather than after it. These
 * are the requests the tRPC client would make, so the server sees nothing new; the client takes
 * the answers through `window.countersignEarly` (app/early-answers.ts) as if it had asked itself.
 * It imports nothing at run time: nothing here may wait for another file.
 */

/** The key features/review/utils/released-on-leave.ts keeps (this script cannot import it). */
const releasedOnLeaveKey = "countersign.releasedOnLeave";
/** Past this, an answer not yet taken is stale (the person may have signed in since): the app asks afresh. */
const keptForMs = 5_000;

const asked = new Map<string, Promise<unknown>>();
const keyOf = (path: string, input: unknown) => `${path} ${JSON.stringify(input ?? null)}`;
const get = (url: string) => fetch(url, { credentials: "same-origin" }).then((response) => response.json() as Promise<unknown>);

// Not for an item this tab let go of as it left (a reload): the screen claims it again first.
const opening = escalationOpened(window.location.pathname);
if (opening !== null && sessionStorage.getItem(releasedOnLeaveKey) !== opening) {
  const input = { escalationId: opening };
  asked.set(keyOf("reviews.view", input), get(`/trpc/reviews.view?input=${encodeURIComponent(JSON.stringify(input))}`));
}
// Then the session, in one batch as the app's session check asks it (auth.instance beside auth.me):
// the escalation goes first because it takes longest.
const session = get(`/trpc/auth.instance,auth.me?batch=1&input=${encodeURIComponent("{}")}`);
asked.set(keyOf("auth.instance", undefined), session.then((batch) => (Array.isArray(batch) ? batch[0] : undefined)));
asked.set(keyOf("auth.me", undefined), session.then((batch) => (Array.isArray(batch) ? batch[1] : undefined)));
// A failed early request is no error of the page's: the app asks again.
for (const answer of asked.values()) answer.catch(() => undefined);
window.setTimeout(() => asked.clear(), keptForMs);

/** The escalation a review's address names (as the router reads it), or null. */
function escalationOpened(pathname: string): string | null {
  const segment = /^\/review\/([^/]+)\/?$/.exec(pathname)?.[1];
  try {
    return segment === undefined ? null : decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const answers: EarlyAnswers = {
  take(path, input) {
    const key = keyOf(path, input);
    const answer = asked.get(key);
    if (!answer) return undefined;
    asked.delete(key);
    return answer.then(
      (body) => (typeof body === "object" && body !== null && ("result" in body || "error" in body) ? (body as EarlyEnvelope) : undefined),
      () => undefined,
    );
  },
};
window.countersignEarly = answers;

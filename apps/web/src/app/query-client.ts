import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@countersign/server/trpc";
import { errorCode } from "../lib/errors";
import { earlyAnswersLink } from "./early-answers";

const clientErrors = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED"]);

/**
 * One query cache and one tRPC client for the page, made before React starts, so the router can
 * ask for a page's data while the page's code is still arriving (the providers hand out the same).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refusal will not change on retry; a network hiccup might.
      retry: (failures, error) => !clientErrors.has(errorCode(error) ?? "") && failures < 2,
    },
  },
});

const http = { url: "/trpc", fetch: (url: URL | RequestInfo, init?: RequestInit) => fetch(url, { ...init, credentials: "same-origin" }) };

/**
 * Travel alone, not batched: a review's view (it can weigh megabytes, and the session check asked
 * beside it in a new tab must not wait for it) and "decide & next" (the reviewer waits on it, and a
 * batch leaves only after a timer, behind the click's own render and frame).
 */
const unbatched = new Set(["reviews.view", "reviews.decideAndClaimNext"]);

/** Calls made in the same moment travel in one batch, except those above. */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [earlyAnswersLink, splitLink({ condition: (op) => unbatched.has(op.path), true: httpLink(http), false: httpBatchLink(http) })],
});

/** The same query options `useTRPC()` gives components, for code outside them. */
export const trpcOptions = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

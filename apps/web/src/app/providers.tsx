import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@countersign/server/trpc";
import { useEffect, useState, type ReactNode } from "react";
import { ToastProvider } from "../components/ui/toast";
import { TooltipProvider } from "../components/ui/tooltip";
import { errorCode } from "../lib/errors";
import { TRPCProvider, useTRPC } from "../lib/trpc";

const clientErrors = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED"]);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A refusal will not change on retry; a network hiccup might.
        retry: (failures, error) => !clientErrors.has(errorCode(error) ?? "") && failures < 2,
      },
    },
  });
}

/** When any query is refused for lack of a session, re-ask who is signed in; the guard redirects. */
function SessionWatcher() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === "updated" && event.action.type === "error" && errorCode(event.action.error) === "UNAUTHORIZED") {
          void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
        }
      }),
    [queryClient, trpc],
  );
  return null;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/trpc", fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }) })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <SessionWatcher />
        <TooltipProvider>
          <ToastProvider>{children}</ToastProvider>
        </TooltipProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

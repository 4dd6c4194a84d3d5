import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { ToastProvider } from "../components/ui/toast";
import { TooltipProvider } from "../components/ui/tooltip";
import { errorCode } from "../lib/errors";
import { TRPCProvider, useTRPC } from "../lib/trpc";
import { queryClient, trpcClient } from "./query-client";

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

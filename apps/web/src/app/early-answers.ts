import type { AppRouter } from "@countersign/server/trpc";
import { TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";

/** What the server answers one tRPC query: its data, or the error the tRPC client turns into a TRPCClientError. */
export type EarlyEnvelope = { result: { data: unknown } } | { error: { message: string; code: number; data?: unknown } };

/** The answers the page's first script asked for (app/early-requests.ts), each to be taken once. */
export type EarlyAnswers = { take: (path: string, input: unknown) => Promise<EarlyEnvelope | undefined> | undefined };

declare global {
  interface Window {
    countersignEarly?: EarlyAnswers;
  }
}

/**
 * A query the page's first script already asked is answered from there, exactly as the HTTP links
 * would answer it; anything else, or an early request that failed, goes on to the server.
 */
export const earlyAnswersLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) => {
    const early = op.type === "query" ? window.countersignEarly?.take(op.path, op.input) : undefined;
    if (!early) return next(op);
    return observable((observer) => {
      let asked: { unsubscribe: () => void } | undefined;
      let stopped = false;
      void early.then((envelope) => {
        if (stopped) return;
        if (!envelope) asked = next(op).subscribe(observer);
        else if ("error" in envelope) observer.error(TRPCClientError.from(envelope));
        else {
          observer.next({ result: { type: "data", data: envelope.result.data } });
          observer.complete();
        }
      });
      return () => {
        stopped = true;
        asked?.unsubscribe();
      };
    });
  };

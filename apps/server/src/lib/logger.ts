import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/** The request a line of the log is written for: set by the request-log middleware for the request's whole async life. */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request being served, when there is one (tests calling procedures directly have none). */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** Runs the rest of a request inside its scope, so every log line and error body below it carries its id. */
export function inRequestScope<T>(requestId: string, run: () => T): T {
  return requestScope.run({ requestId }, run);
}

/*
 * Secrets and personal data stay out of the log: nothing logs request bodies, headers or
 * emails on purpose, and these paths are censored in case an object carrying them is logged.
 */
const redactedPaths = [
  "password",
  "*.password",
  "apiKey",
  "*.apiKey",
  "key",
  "email",
  "*.email",
  "token",
  "*.token",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

/**
 * One JSON object per line (pino), a request id on every line written while serving a request.
 * The level is COUNTERSIGN_LOG_LEVEL (default info); in-process tests default to silent (main.ts
 * sets the level itself, so a server process a test starts logs as in production).
 */
export function createLogger(destination?: DestinationStream, level?: string): Logger {
  return pino(
    {
      level: level ?? process.env.COUNTERSIGN_LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
      base: { service: "countersign" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    // Synchronous writes: a line logged just before the process exits is not lost.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The server's log. Modules log through it; the CLI prints to its own streams instead. */
export const log = createLogger();

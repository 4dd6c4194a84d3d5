import { TRPCClientError } from "@trpc/client";

export type FieldIssue = { path: string; message: string };

type ErrorData = { code?: string; issues?: FieldIssue[]; retryAfterSeconds?: number } | undefined;

function dataOf(error: unknown): ErrorData {
  return error instanceof TRPCClientError ? (error.data as ErrorData) : undefined;
}

/** The server's message (or a readable fallback for network failures). */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  if (error instanceof Error) return error.message;
  return "something went wrong";
}

export function errorCode(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/** For a 429: how many seconds the server asked to wait (its Retry-After). */
export function retryAfterSeconds(error: unknown): number | undefined {
  return dataOf(error)?.retryAfterSeconds;
}

/** The server's per-field issues (`data.issues`), keyed by path, first message wins. */
export function issuesByPath(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of dataOf(error)?.issues ?? []) out[issue.path] ??= issue.message;
  return out;
}

/** Issues from a zod safeParse, in the same `{ path: message }` shape as the server's. */
export function zodIssuesByPath(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.map(String).join(".") || "(body)"] ??= issue.message;
  return out;
}

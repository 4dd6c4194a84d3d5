import { isUnstorableText } from "../db/pg/errors";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS";

export type FieldIssue = { path: string; message: string };

/** The one error domain code throws; each transport maps it once. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** For TOO_MANY_REQUESTS: when to try again, sent as the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const httpStatus: Record<AppErrorCode, 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 429> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
};

/** Turns zod issues into `{ path, message }` pairs, the shape every client sees. */
export function fieldIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

/**
 * The AppError a database error caused by bad input is (a 400), or undefined for any other error.
 * The schemas refuse NUL field by field; this answers for a value that reached a query unchecked.
 */
export function inputErrorOf(error: unknown): AppError | undefined {
  if (!isUnstorableText(error)) return undefined;
  const message = "the request holds a NUL character (U+0000), which cannot be stored";
  return new AppError("BAD_REQUEST", message, [{ path: "(request)", message }]);
}

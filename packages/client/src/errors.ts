/** What went wrong, as the server said it (`{ error: { code, message, issues } }`) or as the client found it. */
export type CountersignErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL"
  /** The server could not be reached (after the retries). */
  | "NETWORK"
  /** waitForDecision: no decision within the time given. Do not act on the output. */
  | "WAIT_TIMEOUT"
  /** The stop state's signature did not verify, or the key is not this instance's: treat the system as halted. */
  | "SIGNATURE_INVALID"
  /** A stop state older (lower seq) than one already seen: a replay; treat the system as halted. */
  | "STALE_STATE"
  /** A webhook whose signature or timestamp did not verify. */
  | "WEBHOOK_INVALID"
  /** An answer the client does not understand. */
  | "UNEXPECTED_RESPONSE";

export type CountersignIssue = { path: string; message: string };

export class CountersignError extends Error {
  constructor(
    /** The HTTP status; 0 when no answer came from the server. */
    readonly status: number,
    readonly code: CountersignErrorCode | (string & {}),
    message: string,
    readonly issues: CountersignIssue[] = [],
    /** From a 429's Retry-After header, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "CountersignError";
  }
}

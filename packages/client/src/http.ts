import { CountersignError } from "./errors";

export type RetryPolicy = {
  /** Further attempts after the first (default 4). */
  retries: number;
  /** First backoff in ms (default 250), doubled each attempt, with full jitter. */
  baseDelayMs: number;
  /** Longest backoff, and the longest Retry-After honoured, in ms (default 30 s). */
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 250, maxDelayMs: 30_000 };

export type Transport = {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Network errors, 5xx and 429 are worth another try; every request the client makes is idempotent. */
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * One request with retries: exponential backoff with full jitter, or the server's Retry-After
 * for a 429. Answers `{ status, body }` for 2xx; throws CountersignError otherwise.
 */
export async function request<T>(
  transport: Transport,
  method: "GET" | "POST",
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<{ status: number; body: T }> {
  const { retry } = transport;
  for (let attempt = 0; ; attempt++) {
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt) * Math.random();
    let response: Response;
    try {
      response = await transport.fetch(new URL(path.replace(/^\//, ""), transport.baseUrl), {
        method,
        headers: {
          accept: "application/json",
          ...(options.auth === false ? {} : { authorization: `Bearer ${transport.apiKey}` }),
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (cause) {
      if (attempt < retry.retries) {
        await transport.sleep(backoff);
        continue;
      }
      throw Object.assign(new CountersignError(0, "NETWORK", `${method} ${path}: ${(cause as Error).message}`), { cause });
    }
    if (response.ok) return { status: response.status, body: (await response.json()) as T };
    const error = await errorOf(response);
    if (retryable(response.status) && attempt < retry.retries) {
      const wait = error.retryAfterSeconds !== undefined ? Math.min(retry.maxDelayMs, error.retryAfterSeconds * 1000) : backoff;
      await transport.sleep(wait);
      continue;
    }
    throw error;
  }
}

async function errorOf(response: Response): Promise<CountersignError> {
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 && response.headers.has("retry-after") ? retryAfter : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    const issues = Array.isArray(error.issues) ? (error.issues as { path: string; message: string }[]) : [];
    return new CountersignError(response.status, error.code, error.message, issues, retryAfterSeconds);
  }
  return new CountersignError(response.status, response.status >= 500 ? "INTERNAL" : "UNEXPECTED_RESPONSE", `HTTP ${response.status}`, [], retryAfterSeconds);
}

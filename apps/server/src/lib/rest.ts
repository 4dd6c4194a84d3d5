import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { systemForApiKey } from "../modules/systems/api-keys";
import type { Deps } from "./context";
import { AppError, fieldIssues, httpStatus } from "./errors";

export type RestEnv = { Variables: { system: { id: string; slug: string } } };

export const maxBodyBytes = 1024 * 1024;

/** Every REST error has one shape: `{ error: { code, message, issues } }`. */
export function restError(c: Context, error: AppError) {
  if (error.retryAfterSeconds !== undefined) c.header("Retry-After", String(error.retryAfterSeconds));
  // The unread rest of a too-large body is still on the wire: closing the connection after the
  // answer lets a keep-alive client (Node's fetch) read the 413 instead of failing the next request.
  if (error.code === "PAYLOAD_TOO_LARGE") c.header("Connection", "close");
  return c.json(
    { error: { code: error.code, message: error.message, issues: error.issues } },
    httpStatus[error.code],
  );
}

/** The bearer key in the Authorization header, if it is shaped like one. */
export function bearerKey(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
}

export function requireApiKey(deps: Deps): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    const key = bearerKey(c);
    // The rate limit in front of every route has usually looked the key up already.
    const system = c.get("system") ?? systemForApiKey(deps, key);
    if (!system) {
      const message = key ? "the API key is not valid or has been revoked" : "send the API key as Authorization: Bearer <key>";
      c.header("WWW-Authenticate", 'Bearer realm="countersign"');
      return restError(c, new AppError("UNAUTHORIZED", message));
    }
    c.set("system", system);
    await next();
  };
}

export const limitBody = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c) => restError(c, new AppError("PAYLOAD_TOO_LARGE", `the request body must be at most ${maxBodyBytes} bytes (1 MiB)`)),
});

/** Reads and validates a JSON body; malformed JSON and schema violations are 400s naming every field. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `the request body is not valid JSON: ${(error as Error).message}`, [
      { path: "(body)", message: "malformed JSON" },
    ]);
  }
  return parseOr400(schema, body);
}

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error.issues);
    throw new AppError("BAD_REQUEST", `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

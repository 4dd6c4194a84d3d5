import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  describeHolders,
  hasPermission,
  type AnyonePermission,
  type ApiKeyPermission,
  type Permission,
  type RolePermission,
} from "@countersign/shared/permissions";
import type { z } from "zod";
import { systemForApiKey } from "../modules/systems/api-keys";
import type { UserSummary } from "../modules/users/queries";
import { sessionUserOf } from "../trpc/context";
import type { Deps } from "./context";
import { AppError, fieldIssues, httpStatus } from "./errors";
import { currentRequestId } from "./logger";

/** The AI system a request's API key belongs to, and which key (named in the audit entries it causes). */
export type RestEnv = { Variables: { system: { id: string; slug: string; keyId: string } } };
/** Routes for the workbench's own downloads, authenticated by its session cookie. */
export type SessionEnv = { Variables: { user: UserSummary } };

export const maxBodyBytes = 1024 * 1024;

/** Every REST error has one shape: `{ error: { code, message, issues, requestId } }`; the id finds its lines in the log. */
export function restError(c: Context, error: AppError) {
  if (error.retryAfterSeconds !== undefined) c.header("Retry-After", String(error.retryAfterSeconds));
  // The unread rest of a too-large body is still on the wire: closing the connection after the
  // answer lets a keep-alive client (Node's fetch) read the 413 instead of failing the next request.
  if (error.code === "PAYLOAD_TOO_LARGE") c.header("Connection", "close");
  return c.json(
    { error: { code: error.code, message: error.message, issues: error.issues, requestId: currentRequestId() } },
    httpStatus[error.code],
  );
}

/** The bearer key in the Authorization header, if it is shaped like one. */
export function bearerKey(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
}

/**
 * Each HTTP route names its permission (packages/shared/src/permissions.ts) by the first
 * middleware of its chain, one of the three below; tests read it back from the app's routes.
 */
const routePermissions = new WeakMap<object, Permission>();

function declaring<H extends object>(permission: Permission, middleware: H): H {
  routePermissions.set(middleware, permission);
  return middleware;
}

/** The permission a route's handler declares, if it is one of the permission middlewares. */
export function permissionDeclaredBy(handler: unknown): Permission | undefined {
  return typeof handler === "function" ? routePermissions.get(handler) : undefined;
}

/** A route open to anyone: the declaration is the whole check. */
export function openTo(permission: AnyonePermission): MiddlewareHandler {
  return declaring(permission, async (_c, next) => {
    await next();
  });
}

/** A route for the workbench's signed-in users whose roles hold the permission (401 signed out, 403 otherwise). */
export function requireSession(deps: Deps, permission: RolePermission): MiddlewareHandler<SessionEnv> {
  return declaring(permission, async (c, next) => {
    const user = await sessionUserOf(deps, c.req.header("cookie"));
    if (!user) return restError(c, new AppError("UNAUTHORIZED", "sign in to the workbench first"));
    if (!hasPermission(user, permission)) return restError(c, new AppError("FORBIDDEN", `this needs ${describeHolders(permission)}`));
    c.set("user", user);
    await next();
  });
}

/** A route for AI systems: any valid API key, which then acts only on its own system (401 otherwise). */
export function requireApiKey(deps: Deps, permission: ApiKeyPermission): MiddlewareHandler<RestEnv> {
  return declaring(permission, async (c, next) => {
    const key = bearerKey(c);
    // The rate limit in front of every route has usually looked the key up already.
    const system = c.get("system") ?? await systemForApiKey(deps, key);
    if (!system) {
      const message = key ? "the API key is not valid or has been revoked" : "send the API key as Authorization: Bearer <key>";
      c.header("WWW-Authenticate", 'Bearer realm="countersign"');
      return restError(c, new AppError("UNAUTHORIZED", message));
    }
    c.set("system", system);
    await next();
  });
}

/**
 * Hono's bodyLimit, without its cost for a body of declared length. A body sent with
 * Content-Length (and no Transfer-Encoding) is judged by that header, as bodyLimit judges it, and
 * left unread: Node's HTTP parser holds the body to the declared length, and the route then reads
 * it straight off the socket. bodyLimit's `c.req.raw.body` would instead turn @hono/node-server's
 * lightweight request into a full fetch Request with a web stream over the socket, which cost an
 * escalation's POST more CPU than its checks. A chunked body, of no declared length, is still
 * counted by bodyLimit as it streams.
 */
export function limitBodyTo(maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared === undefined || c.req.header("transfer-encoding") !== undefined) return counted(c, next);
    if (Number.parseInt(declared, 10) > maxSize) return onError(c);
    await next();
  };
}

export const limitBody = limitBodyTo(maxBodyBytes, (c) =>
  restError(c, new AppError("PAYLOAD_TOO_LARGE", `the request body must be at most ${maxBodyBytes} bytes (1 MiB)`)),
);

/**
 * A body carrying one escalation (POST /escalations, a gold item, MCP's request_human_review):
 * room for input and aiOutput at their limit of 1 MiB each as stored JSON (payloadLimits), metadata
 * at its 256 KiB, and 1.75 MiB for the summary, the reason and the evidence.
 */
export const maxEscalationBodyBytes = 4 * 1024 * 1024;
export const limitEscalationBody = limitBodyTo(maxEscalationBodyBytes, (c) =>
  restError(
    c,
    new AppError("PAYLOAD_TOO_LARGE", `the request body must be at most ${maxEscalationBodyBytes} bytes (4 MiB); input and aiOutput may each hold 1 MiB`, [
      { path: "(body)", message: `at most ${maxEscalationBodyBytes} bytes (4 MiB)` },
    ]),
  ),
);

// Fatal: a lenient decoder would turn bytes that are not UTF-8 into U+FFFD, silently changing the text.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and validates a JSON body; malformed JSON and schema violations are 400s naming every
 * field. JSON.parse itself is safe against deep nesting (V8 parses iteratively); the schemas
 * bound the depth of every free-form value before anything recursive sees it.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let text: string;
  try {
    text = utf8.decode(await c.req.arrayBuffer());
  } catch {
    throw new AppError("BAD_REQUEST", "the request body is not valid UTF-8", [{ path: "(body)", message: "not valid UTF-8" }]);
  }
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

import { initTRPC, TRPCError } from "@trpc/server";
import {
  can,
  describeHolders,
  hasPermission,
  type AnyonePermission,
  type Permission,
  type SignedInPermission,
} from "@countersign/shared/permissions";
import { ZodError } from "zod";
import { AppError, fieldIssues, inputErrorOf, type AppErrorCode, type FieldIssue } from "../lib/errors";
import { currentRequestId } from "../lib/logger";
import type { TrpcContext } from "./context";

const trpcCode: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/** Every procedure carries the name of its permission, so tests can read the table back from the router. */
export type ProcedureMeta = { permission: Permission };

const t = initTRPC.context<TrpcContext>().meta<ProcedureMeta>().create({
  errorFormatter({ shape, error }) {
    let issues: FieldIssue[] = [];
    let retryAfterSeconds: number | undefined;
    let message = shape.message;
    if (error.cause instanceof ZodError) {
      issues = fieldIssues(error.cause.issues);
      message = `invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
    } else if (error.cause instanceof AppError) {
      issues = error.cause.issues;
      retryAfterSeconds = error.cause.retryAfterSeconds;
    }
    // The request id names the request's lines in the server log (absent when a test calls a procedure directly).
    const requestId = currentRequestId();
    // Internal errors keep their detail in the server log, not in the browser.
    if (error.code === "INTERNAL_SERVER_ERROR") message = requestId ? `internal error; the server log has it under request id ${requestId}` : "internal error; see the server log";
    return { ...shape, message, data: { ...shape.data, issues, retryAfterSeconds, requestId, stack: undefined } };
  },
});

/** Domain code throws AppError; this is the one place it becomes a tRPC error. */
const mapAppErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause instanceof AppError ? result.error.cause : inputErrorOf(result.error.cause);
  if (!result.ok && cause) {
    if (cause.retryAfterSeconds !== undefined) ctx.resHeaders.set("Retry-After", String(cause.retryAfterSeconds));
    throw new TRPCError({ code: trpcCode[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
const openProcedure = t.procedure.use(mapAppErrors);
const sessionProcedure = openProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A procedure guarded by one permission of the table in packages/shared/src/permissions.ts: its
 * name says what the caller may do. Anonymous callers of anything not open to anyone get
 * UNAUTHORIZED; signed-in users without a role that holds the permission get FORBIDDEN.
 */
export function procedureWith(permission: AnyonePermission): Awaited<ReturnType<typeof openProcedure.meta>>;
export function procedureWith(permission: SignedInPermission): Awaited<ReturnType<typeof sessionProcedure.meta>>;
export function procedureWith(permission: AnyonePermission | SignedInPermission) {
  if (can[permission].holder === "anyone") return openProcedure.meta({ permission });
  return sessionProcedure.meta({ permission }).use(({ ctx, next }) => {
    if (!hasPermission(ctx.user, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs ${describeHolders(permission)}` });
    }
    return next();
  });
}

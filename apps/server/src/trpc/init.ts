import { initTRPC, TRPCError } from "@trpc/server";
import type { Role } from "@countersign/shared/enums";
import { ZodError } from "zod";
import { AppError, fieldIssues, type AppErrorCode, type FieldIssue } from "../lib/errors";
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

const t = initTRPC.context<TrpcContext>().create({
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
    // Internal errors keep their detail in the server log, not in the browser.
    if (error.code === "INTERNAL_SERVER_ERROR") message = "internal error; see the server log";
    return { ...shape, message, data: { ...shape.data, issues, retryAfterSeconds, stack: undefined } };
  },
});

/** Domain code throws AppError; this is the one place it becomes a tRPC error. */
const mapAppErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    if (cause.retryAfterSeconds !== undefined) ctx.resHeaders.set("Retry-After", String(cause.retryAfterSeconds));
    throw new TRPCError({ code: trpcCode[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors);

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure's name is its permission: the user must hold one of these roles. */
export function procedureFor(...allowed: Role[]) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!ctx.user.roles.some((role) => allowed.includes(role))) {
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${allowed.join(" or ")} role` });
    }
    return next();
  });
}

export const reviewerProcedure = procedureFor("reviewer");
export const oversightProcedure = procedureFor("reviewer", "lead", "auditor", "admin");
export const trailProcedure = procedureFor("lead", "auditor", "admin");
export const adminProcedure = procedureFor("admin");

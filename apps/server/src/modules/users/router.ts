import { createUserInputSchema, setUserActiveInputSchema, setUserRolesInputSchema, signInInputSchema } from "@countersign/shared/admin";
import { serialize } from "hono/utils/cookie";
import { sessionCookie } from "../../trpc/context";
import { passwordOnly } from "../sso/settings";
import { procedureWith, router } from "../../trpc/init";
import { createUser } from "./create-user";
import { listUsers } from "./queries";
import { setUserActive, setUserRoles } from "./set-roles";
import { signIn, signOut } from "./sessions";

export const authRouter = router({
  /** Public: the sign-in page needs to know whether to show the demo accounts, the password form and the SSO button. */
  instance: procedureWith("signIn").query(({ ctx }) => {
    const methods = ctx.info.signInMethods ?? passwordOnly;
    return {
      demo: ctx.info.demo,
      passwordSignIn: methods.password,
      sso: methods.oidc ? { rolesFromProvider: methods.oidc.roleMap !== null } : null,
    };
  }),
  me: procedureWith("signIn").query(({ ctx }) => ctx.user),
  signIn: procedureWith("signIn").input(signInInputSchema).mutation(async ({ ctx, input }) => {
    const { token, maxAgeSeconds } = await signIn(
      ctx.deps,
      input,
      { address: ctx.client.address, throttle: ctx.client.signInThrottle },
      (ctx.info.signInMethods ?? passwordOnly).password,
    );
    ctx.resHeaders.append(
      "set-cookie",
      serialize(sessionCookie, token, {
        httpOnly: true,
        sameSite: "Lax",
        path: "/",
        maxAge: maxAgeSeconds,
        secure: ctx.info.secureCookies,
      }),
    );
    return { ok: true };
  }),
  signOut: procedureWith("signOut").mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await signOut(ctx.deps, ctx.sessionToken, ctx.user.id);
    ctx.resHeaders.append("set-cookie", serialize(sessionCookie, "", { httpOnly: true, sameSite: "Lax", path: "/", maxAge: 0 }));
    return { ok: true };
  }),
});

export const usersRouter = router({
  list: procedureWith("manageUsers").query(({ ctx }) => listUsers(ctx.deps.db)),
  create: procedureWith("manageUsers")
    .input(createUserInputSchema)
    .mutation(({ ctx, input }) => createUser(ctx.deps, { type: "user", id: ctx.user.id }, input)),
  setRoles: procedureWith("manageUsers")
    .input(setUserRolesInputSchema)
    .mutation(({ ctx, input }) => setUserRoles(ctx.deps, { type: "user", id: ctx.user.id }, input.userId, input.roles)),
  setActive: procedureWith("manageUsers")
    .input(setUserActiveInputSchema)
    .mutation(({ ctx, input }) => setUserActive(ctx.deps, { type: "user", id: ctx.user.id }, input.userId, input.active)),
});

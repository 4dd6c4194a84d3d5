import type { FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";
import { parse } from "hono/utils/cookie";
import type { Deps } from "../lib/context";
import type { SignInMethods } from "../modules/sso/settings";
import type { SignInThrottle } from "../modules/users/sign-in-throttle";
import { userForSession } from "../modules/users/sessions";

export const sessionCookie = "countersign_session";

/** Facts about this installation: a demo, secure cookies, and how people sign in (password only, unless said otherwise). */
export type AppInfo = { demo: boolean; secureCookies: boolean; signInMethods?: SignInMethods };

/** The session token in a Cookie header, if any. */
export function sessionTokenOf(cookieHeader: string | null | undefined): string | undefined {
  return parse(cookieHeader ?? "", sessionCookie)[sessionCookie];
}

/** The signed-in user of a request's workbench session cookie: shared by tRPC and the cookie-authenticated routes. */
export function sessionUserOf(deps: Deps, cookieHeader: string | null | undefined) {
  return userForSession(deps, sessionTokenOf(cookieHeader));
}

/** What sign-in throttling needs of a request: who is asking (by address) and the app's counters. */
export type ClientInfo = { address: string; signInThrottle: SignInThrottle };

export async function createContext(deps: Deps, info: AppInfo, opts: FetchCreateContextFnOptions, client: ClientInfo) {
  const token = sessionTokenOf(opts.req.headers.get("cookie"));
  return { deps, info, client, sessionToken: token, user: await userForSession(deps, token), resHeaders: opts.resHeaders };
}
export type TrpcContext = Awaited<ReturnType<typeof createContext>>;

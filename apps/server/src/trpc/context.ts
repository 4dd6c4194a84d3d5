import type { FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";
import { parse } from "hono/utils/cookie";
import type { Deps } from "../lib/context";
import { userForSession } from "../modules/users/sessions";

export const sessionCookie = "countersign_session";

export type AppInfo = { demo: boolean; secureCookies: boolean };

export function createContext(deps: Deps, info: AppInfo, opts: FetchCreateContextFnOptions) {
  const token = parse(opts.req.headers.get("cookie") ?? "", sessionCookie)[sessionCookie];
  return { deps, info, sessionToken: token, user: userForSession(deps, token), resHeaders: opts.resHeaders };
}
export type TrpcContext = ReturnType<typeof createContext>;

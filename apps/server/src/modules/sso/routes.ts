import { log } from "../../lib/logger";
import type { SsoRefusal } from "@countersign/shared/sso";
import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { Deps } from "../../lib/context";
import { openTo } from "../../lib/rest";
import { clientAddress } from "../../lib/same-origin";
import { sessionCookie } from "../../trpc/context";
import type { SignInThrottle } from "../users/sign-in-throttle";
import { oidcClient, type PendingSignIn } from "./provider";
import { finishSsoSignIn } from "./sign-in";
import type { SignInMethods } from "./settings";

/** One sign-in's state, nonce and PKCE verifier, between leaving for the provider and coming back. */
export const pendingSignInCookie = "countersign_oidc";
// Long enough to type a password and answer a second factor at the provider; no longer.
const pendingMinutes = 10;
const pendingSchema = z.strictObject({ state: z.string().min(1), nonce: z.string().min(1), codeVerifier: z.string().min(43) });

export type SsoRouteOptions = { secureCookies: boolean; clientAddressHeader?: string | undefined; signInThrottle: SignInThrottle };

/**
 * `GET /auth/oidc/login` sends the browser to the identity provider; `GET /auth/oidc/callback` is
 * where it comes back. Both are open to anyone (they are how one signs in); without single sign-on
 * configured they send the browser to the sign-in page, which says so.
 */
export function ssoRoutes(deps: Deps, methods: SignInMethods, options: SsoRouteOptions) {
  const routes = new Hono();
  const settings = methods.oidc;
  const provider = settings ? oidcClient(settings) : null;
  const cookiePath = "/auth/oidc";

  routes.get("/login", openTo("signIn"), async (c) => {
    if (!provider) return toSignIn(c, "not_configured");
    let start: Awaited<ReturnType<typeof provider.start>>;
    try {
      start = await provider.start();
    } catch (error) {
      log.warn({ err: error, job: "sso" }, "single sign-on: the provider's configuration could not be read");
      return toSignIn(c, "provider_unreachable");
    }
    // httpOnly, and SameSite=Lax so that it comes back with the provider's top-level redirect to the callback.
    setCookie(c, pendingSignInCookie, Buffer.from(JSON.stringify(start.pending)).toString("base64url"), {
      httpOnly: true,
      sameSite: "Lax",
      path: cookiePath,
      maxAge: pendingMinutes * 60,
      secure: options.secureCookies,
    });
    c.header("Cache-Control", "no-store");
    return c.redirect(start.url.href, 302);
  });

  routes.get("/callback", openTo("signIn"), async (c) => {
    if (!settings || !provider) return toSignIn(c, "not_configured");
    const pending = readPending(getCookie(c, pendingSignInCookie));
    // One return per start: a replayed callback finds nothing pending.
    deleteCookie(c, pendingSignInCookie, { path: cookiePath, secure: options.secureCookies });
    const outcome = await finishSsoSignIn(
      deps,
      settings,
      provider,
      { query: new URL(c.req.url).search, pending },
      { address: clientAddress(c, options.clientAddressHeader), throttle: options.signInThrottle },
    );
    if (!outcome.ok) return toSignIn(c, outcome.refusal);
    setCookie(c, sessionCookie, outcome.token, {
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
      maxAge: outcome.maxAgeSeconds,
      secure: options.secureCookies,
    });
    c.header("Cache-Control", "no-store");
    return c.redirect("/", 302);
  });

  return routes;
}

function toSignIn(c: Context, refusal: SsoRefusal) {
  c.header("Cache-Control", "no-store");
  return c.redirect(`/sign-in?sso=${refusal}`, 302);
}

function readPending(cookie: string | undefined): PendingSignIn | null {
  if (!cookie) return null;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(cookie, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

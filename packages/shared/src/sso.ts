/**
 * Why a single sign-on was refused: the callback sends the browser back to the sign-in page with
 * one of these codes (`/sign-in?sso=domain_not_allowed`), and the page says it in these words.
 */
export const ssoRefusals = {
  expired:
    "The sign-in took too long, or was started in another browser or tab. Start again with “Sign in with SSO”.",
  provider_refused:
    "Your identity provider's answer could not be checked, so you were not signed in. Start again; if it happens again, tell your administrator.",
  access_denied: "Your identity provider did not let you through (you cancelled, or it refused the sign-in). Start again, or ask your administrator.",
  provider_unreachable: "Countersign cannot reach your identity provider just now. Try again in a moment, or tell your administrator.",
  no_email: "Your identity provider did not tell Countersign your email address, which Countersign needs. Ask your administrator.",
  email_not_verified: "Your identity provider says your email address is not verified. Verify it there, then sign in again.",
  domain_not_allowed:
    "Your email address's domain is not allowed to sign in to this Countersign. Sign in with your company account, or ask your administrator.",
  deactivated: "Your Countersign account has been deactivated. Ask an administrator if you need it again.",
  email_taken:
    "Another Countersign account (one that signs in with a password) already uses your email address. Ask an administrator to sort it out.",
  throttled: "Too many sign-in attempts from your address. Wait a few minutes, then try again.",
  not_configured: "Single sign-on is not configured on this Countersign.",
} as const;
export type SsoRefusal = keyof typeof ssoRefusals;

export function isSsoRefusal(code: string | null | undefined): code is SsoRefusal {
  return !!code && Object.hasOwn(ssoRefusals, code);
}

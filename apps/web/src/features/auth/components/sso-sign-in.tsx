import { ssoRefusals, type SsoRefusal } from "@countersign/shared/sso";

/**
 * The way in through the company's identity provider: a plain link, because the browser must
 * leave for the provider and come back (GET /auth/oidc/login), not a call from this page.
 */
export function SsoSignInLink() {
  return (
    <a className="btn btn-primary btn-md sign-in-submit" href="/auth/oidc/login">
      Sign in with SSO
    </a>
  );
}

// Nothing about the person was refused here: they cancelled, waited too long, or the provider was away.
const notARefusal = new Set<SsoRefusal>(["access_denied", "expired", "throttled", "provider_unreachable", "not_configured"]);

/** Why the identity provider's return did not sign the person in, in the server's words for that case. */
export function SsoRefusalMessage({ refusal }: { refusal: SsoRefusal }) {
  return (
    <div className="form-error sso-refusal" role="alert">
      <strong>{notARefusal.has(refusal) ? "Not signed in." : "Single sign-on refused."}</strong> {ssoRefusals[refusal]}
    </div>
  );
}

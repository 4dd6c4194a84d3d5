import * as client from "openid-client";
import type { OidcSettings } from "./settings";

/** What Countersign keeps between sending the browser to the provider and its return: one sign-in's secrets. */
export type PendingSignIn = { state: string; nonce: string; codeVerifier: string };

/** The claims of a completed sign-in, from the ID token and, where the provider has one, its userinfo endpoint. */
export type ProviderIdentity = { issuer: string; subject: string; claims: Record<string, unknown> };

/** Why a return from the provider was refused, in words fit for the audit log (never a token). */
export class ProviderResponseRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The relying party's side of the authorization code flow with PKCE, state and nonce, by
 * openid-client. The provider's metadata is discovered on first use (not at start, so a provider
 * that is down does not keep password sign-in from starting) and again after a failed discovery.
 */
export function oidcClient(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        execute: settings.allowHttp ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  return {
    /** Where to send the browser, and the secrets to keep until it comes back. */
    async start(): Promise<{ url: URL; pending: PendingSignIn }> {
      const config = await configuration();
      const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: "S256",
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, pending };
    },

    /**
     * Checks the provider's answer against the pending sign-in (state, PKCE verifier, nonce, the
     * ID token's signature, issuer and audience) and returns who signed in.
     */
    async finish(query: string, pending: PendingSignIn): Promise<ProviderIdentity> {
      const config = await configuration();
      // The redirect URI sent to the token endpoint must be the registered one, as the browser saw it.
      const currentUrl = new URL(`${settings.redirectUri}${query}`);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new ProviderResponseRefused(refusalReason(error));
      }
      const idClaims = tokens.claims()!;
      let userinfo: Record<string, unknown> = {};
      if (config.serverMetadata().userinfo_endpoint) {
        try {
          userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        } catch (error) {
          throw new ProviderResponseRefused(`userinfo refused: ${refusalReason(error)}`);
        }
      }
      return { issuer: config.serverMetadata().issuer, subject: idClaims.sub, claims: { ...idClaims, ...userinfo } };
    },
  };
}
export type OidcClient = Awaited<ReturnType<typeof oidcClient>>;

/** A short, fixed description of a failed exchange: error messages can quote the provider's body, which may hold tokens. */
function refusalReason(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `provider answered ${oauthCode(error.error)}`;
  if (error instanceof client.ResponseBodyError) return `token endpoint answered ${oauthCode(error.error)}`;
  // openid-client wraps oauth4webapi's precise message ('unexpected "state" response parameter value') as its cause.
  const cause = error instanceof Error ? error.cause : undefined;
  const message = [error, cause].map((e) => (e instanceof Error ? e.message : "")).join(" ");
  if (/"state"/.test(message)) return "state mismatch";
  if (/"nonce"/.test(message)) return "nonce mismatch";
  if (/"iss"|issuer/i.test(message)) return "issuer mismatch";
  if (/"aud"|audience/i.test(message)) return "audience mismatch";
  if (/fetch failed|ECONNREFUSED|timed out|timeout|abort/i.test(message)) return "provider unreachable";
  return "provider response not valid";
}

/** OAuth error codes are a short vocabulary of lowercase words; anything else is not quoted. */
function oauthCode(code: string): string {
  return /^[a-z_]{1,40}$/.test(code) ? code : "an error";
}

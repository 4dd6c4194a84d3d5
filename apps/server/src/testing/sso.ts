import { buildApp, type Safeguards } from "../app";
import type { OidcSettings } from "../modules/sso/settings";
import type { testDeps } from "./fixtures";
import type { TestProvider } from "./oidc-provider";
import { redirectUri } from "./sso-browser";
import { statement } from "../lib/prepared";

/** Settings for the test provider: reviewers and leads by group, as an administrator would write them. */
export function ssoSettings(provider: TestProvider, overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: new URL(provider.issuer),
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri,
    scopes: "openid email profile groups",
    rolesClaim: "groups",
    roleMap: [
      ["cs-reviewers", "reviewer"],
      ["cs-leads", "lead"],
    ],
    emailDomains: null,
    allowHttp: true,
    ...overrides,
  };
}

/** The real HTTP app with single sign-on through the test provider. */
export function ssoApp(
  t: Awaited<ReturnType<typeof testDeps>>,
  provider: TestProvider,
  options: { settings?: Partial<OidcSettings>; password?: boolean; safeguards?: Partial<Safeguards> } = {},
) {
  return buildApp(
    t.deps,
    { demo: false, secureCookies: false, signInMethods: { password: options.password ?? true, oidc: ssoSettings(provider, options.settings) } },
    options.safeguards,
  );
}

/** The audit entries of one action, oldest first, payloads parsed. */
export async function auditedAs(t: Awaited<ReturnType<typeof testDeps>>, action: string) {
  const rows = await statement(t.deps.db, "SELECT actor_type, actor_id, entity_id, payload FROM audit_log WHERE action = ? ORDER BY seq").all(action) as { actor_type: string; actor_id: string | null; entity_id: string; payload: string }[];
  return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

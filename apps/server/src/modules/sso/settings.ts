import { roles, type Role } from "@countersign/shared/enums";
import { z } from "zod";

/** How Countersign talks to the company's OpenID Connect provider, read once from the environment. */
export type OidcSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** `{COUNTERSIGN_PUBLIC_URL}/auth/oidc/callback`, registered at the provider. */
  redirectUri: string;
  scopes: string;
  /** The claim (in the ID token or from the userinfo endpoint) that lists the user's groups. */
  rolesClaim: string;
  /** Provider group → Countersign role. Null: roles are granted in Countersign by its admins, not by the provider. */
  roleMap: ReadonlyArray<readonly [group: string, role: Role]> | null;
  /** Null: any email domain may sign in. */
  emailDomains: readonly string[] | null;
  /** A plain-http issuer (the tests' own provider); never in production. */
  allowHttp: boolean;
};

/** Which doors the sign-in page offers. */
export type SignInMethods = { password: boolean; oidc: OidcSettings | null };

export const passwordOnly: SignInMethods = { password: true, oidc: null };

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const roleMapRule = "COUNTERSIGN_OIDC_ROLE_MAP must be group=role pairs separated by commas, e.g. cs-reviewers=reviewer,cs-leads=lead";

const roleMap = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const pairs: (readonly [string, Role])[] = [];
    for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      const [group, role, ...rest] = entry.split("=").map((part) => part.trim());
      if (!group || !role || rest.length > 0) {
        ctx.addIssue({ code: "custom", message: `${roleMapRule}; "${entry}" is not one` });
        continue;
      }
      if (!(roles as readonly string[]).includes(role)) {
        ctx.addIssue({ code: "custom", message: `COUNTERSIGN_OIDC_ROLE_MAP maps "${group}" to "${role}", which is not a role; roles are ${roles.join(", ")}` });
        continue;
      }
      pairs.push([group, role as Role]);
    }
    if (pairs.length === 0 && ctx.issues.length === 0) ctx.addIssue({ code: "custom", message: roleMapRule });
    return pairs;
  });

const domainRule = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const emailDomains = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const domains = value.split(",").map((part) => part.trim().replace(/^@/, "")).filter(Boolean);
    for (const domain of domains) {
      if (!domainRule.test(domain)) ctx.addIssue({ code: "custom", message: `COUNTERSIGN_OIDC_EMAIL_DOMAINS: "${domain}" is not a domain name (e.g. example.com)` });
    }
    return domains;
  });

const onOff = (name: string, fallback: "on" | "off") =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || fallback)
    .refine((value) => value === "on" || value === "off", `${name} must be on or off`)
    .transform((value) => value === "on");

/** The single sign-on variables, spread into the environment's schema (env.ts). */
export const singleSignOnVariables = {
  COUNTERSIGN_OIDC_ISSUER: z
    .string()
    .trim()
    .refine((value) => value === "" || (/^https?:\/\//.test(value) && URL.canParse(value)), "COUNTERSIGN_OIDC_ISSUER must be the provider's issuer URL, e.g. https://login.example.com/realms/acme")
    .optional()
    .transform((value) => value || undefined),
  COUNTERSIGN_OIDC_CLIENT_ID: optionalText,
  COUNTERSIGN_OIDC_CLIENT_SECRET: optionalText,
  COUNTERSIGN_OIDC_SCOPES: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "openid email profile")
    .refine((value) => value.split(/\s+/).includes("openid"), "COUNTERSIGN_OIDC_SCOPES must include openid, e.g. openid email profile groups"),
  COUNTERSIGN_OIDC_ROLES_CLAIM: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || "groups"),
  COUNTERSIGN_OIDC_ROLE_MAP: roleMap,
  COUNTERSIGN_OIDC_EMAIL_DOMAINS: emailDomains,
  COUNTERSIGN_OIDC_ALLOW_HTTP: z
    .enum(["", "0", "1"], { error: "COUNTERSIGN_OIDC_ALLOW_HTTP must be 1 (tests only) or 0" })
    .optional()
    .transform((value) => value === "1"),
  COUNTERSIGN_PASSWORD_SIGN_IN: onOff("COUNTERSIGN_PASSWORD_SIGN_IN", "on"),
};

type SingleSignOnEnv = { [K in keyof typeof singleSignOnVariables]: z.output<(typeof singleSignOnVariables)[K]> } & {
  COUNTERSIGN_PUBLIC_URL?: string | undefined;
};

/** The variables that only make sense together: each missing one is named. */
export function checkSingleSignOn(env: SingleSignOnEnv, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  const needsIssuer = (["COUNTERSIGN_OIDC_CLIENT_ID", "COUNTERSIGN_OIDC_CLIENT_SECRET", "COUNTERSIGN_OIDC_ROLE_MAP", "COUNTERSIGN_OIDC_EMAIL_DOMAINS"] as const).filter(
    (name) => env[name] !== undefined,
  );
  if (!env.COUNTERSIGN_OIDC_ISSUER) {
    if (needsIssuer.length > 0) issue("COUNTERSIGN_OIDC_ISSUER", `is required for single sign-on: ${needsIssuer.join(", ")} ${needsIssuer.length === 1 ? "is" : "are"} set`);
    if (!env.COUNTERSIGN_PASSWORD_SIGN_IN) {
      issue("COUNTERSIGN_PASSWORD_SIGN_IN", "off needs single sign-on (COUNTERSIGN_OIDC_ISSUER and its client); otherwise nobody could sign in");
    }
    return;
  }
  if (!env.COUNTERSIGN_OIDC_CLIENT_ID) issue("COUNTERSIGN_OIDC_CLIENT_ID", "is required with COUNTERSIGN_OIDC_ISSUER: the client id registered at the provider");
  if (!env.COUNTERSIGN_OIDC_CLIENT_SECRET) issue("COUNTERSIGN_OIDC_CLIENT_SECRET", "is required with COUNTERSIGN_OIDC_ISSUER: the client's secret at the provider");
  if (!env.COUNTERSIGN_PUBLIC_URL) {
    issue("COUNTERSIGN_PUBLIC_URL", "is required with COUNTERSIGN_OIDC_ISSUER: the redirect URI registered at the provider is {COUNTERSIGN_PUBLIC_URL}/auth/oidc/callback");
  }
  if (env.COUNTERSIGN_OIDC_ISSUER.startsWith("http://") && !env.COUNTERSIGN_OIDC_ALLOW_HTTP) {
    issue("COUNTERSIGN_OIDC_ISSUER", "must be an https:// URL (COUNTERSIGN_OIDC_ALLOW_HTTP=1 accepts plain http, for tests only)");
  }
}

/** The sign-in methods an environment that passed checkSingleSignOn configures. */
export function signInMethodsOf(env: SingleSignOnEnv): SignInMethods {
  const issuer = env.COUNTERSIGN_OIDC_ISSUER;
  if (!issuer || !env.COUNTERSIGN_OIDC_CLIENT_ID || !env.COUNTERSIGN_OIDC_CLIENT_SECRET || !env.COUNTERSIGN_PUBLIC_URL) {
    return { password: true, oidc: null };
  }
  return {
    password: env.COUNTERSIGN_PASSWORD_SIGN_IN,
    oidc: {
      issuer: new URL(issuer),
      clientId: env.COUNTERSIGN_OIDC_CLIENT_ID,
      clientSecret: env.COUNTERSIGN_OIDC_CLIENT_SECRET,
      redirectUri: `${env.COUNTERSIGN_PUBLIC_URL}/auth/oidc/callback`,
      scopes: env.COUNTERSIGN_OIDC_SCOPES,
      rolesClaim: env.COUNTERSIGN_OIDC_ROLES_CLAIM,
      roleMap: env.COUNTERSIGN_OIDC_ROLE_MAP ?? null,
      emailDomains: env.COUNTERSIGN_OIDC_EMAIL_DOMAINS ?? null,
      allowHttp: env.COUNTERSIGN_OIDC_ALLOW_HTTP,
    },
  };
}

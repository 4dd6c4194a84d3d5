import { afterEach, describe, expect, it, vi } from "vitest";
import { readEnv } from "../../env";
import { signInMethodsOf } from "./settings";

/** What the server prints when it refuses to start on this environment (readEnv exits with 2). */
function startupError(env: Record<string, string>): string {
  const printed: string[] = [];
  vi.spyOn(console, "error").mockImplementation((text: string) => void printed.push(text));
  vi.spyOn(process, "exit").mockImplementation(() => {
    throw new Error("exited");
  });
  expect(() => readEnv(env)).toThrow("exited");
  return printed.join("\n");
}
afterEach(() => vi.restoreAllMocks());

const complete = {
  COUNTERSIGN_PUBLIC_URL: "https://countersign.example.com",
  COUNTERSIGN_OIDC_ISSUER: "https://login.example.com/realms/acme",
  COUNTERSIGN_OIDC_CLIENT_ID: "countersign",
  COUNTERSIGN_OIDC_CLIENT_SECRET: "s3cret",
};

describe("single sign-on configuration", () => {
  it("a complete configuration gives the redirect URI under the public URL and the defaults", () => {
    const methods = signInMethodsOf(readEnv({ ...complete, COUNTERSIGN_OIDC_ROLE_MAP: "cs-reviewers=reviewer, cs-leads=lead", COUNTERSIGN_OIDC_EMAIL_DOMAINS: "Example.com,@acme.eu" }));
    expect(methods.password).toBe(true);
    expect(methods.oidc).toMatchObject({
      redirectUri: "https://countersign.example.com/auth/oidc/callback",
      rolesClaim: "groups",
      scopes: "openid email profile",
      roleMap: [
        ["cs-reviewers", "reviewer"],
        ["cs-leads", "lead"],
      ],
      emailDomains: ["example.com", "acme.eu"],
      allowHttp: false,
    });
  });

  it("no single sign-on variable: password sign-in only", () => {
    expect(signInMethodsOf(readEnv({}))).toEqual({ password: true, oidc: null });
  });

  it("an incomplete configuration stops the server, naming each missing variable", () => {
    const printed = startupError({ COUNTERSIGN_OIDC_ISSUER: "https://login.example.com" });
    expect(printed).toContain("COUNTERSIGN_OIDC_CLIENT_ID: is required with COUNTERSIGN_OIDC_ISSUER");
    expect(printed).toContain("COUNTERSIGN_OIDC_CLIENT_SECRET: is required with COUNTERSIGN_OIDC_ISSUER");
    expect(printed).toContain("COUNTERSIGN_PUBLIC_URL: is required with COUNTERSIGN_OIDC_ISSUER");
  });

  it("a client without an issuer is named too", () => {
    expect(startupError({ COUNTERSIGN_OIDC_CLIENT_ID: "countersign" })).toContain(
      "COUNTERSIGN_OIDC_ISSUER: is required for single sign-on: COUNTERSIGN_OIDC_CLIENT_ID is set",
    );
  });

  it("a role map naming a role that does not exist is refused with the list of roles", () => {
    expect(startupError({ ...complete, COUNTERSIGN_OIDC_ROLE_MAP: "cs-reviewers=reviewer,cs-bosses=boss" })).toContain(
      'COUNTERSIGN_OIDC_ROLE_MAP: COUNTERSIGN_OIDC_ROLE_MAP maps "cs-bosses" to "boss", which is not a role; roles are reviewer, lead, auditor, admin',
    );
    expect(startupError({ ...complete, COUNTERSIGN_OIDC_ROLE_MAP: "cs-reviewers" })).toContain("must be group=role pairs");
  });

  it("a plain-http issuer needs COUNTERSIGN_OIDC_ALLOW_HTTP=1", () => {
    const env = { ...complete, COUNTERSIGN_OIDC_ISSUER: "http://127.0.0.1:5314" };
    expect(startupError(env)).toContain("COUNTERSIGN_OIDC_ISSUER: must be an https:// URL (COUNTERSIGN_OIDC_ALLOW_HTTP=1");
    expect(signInMethodsOf(readEnv({ ...env, COUNTERSIGN_OIDC_ALLOW_HTTP: "1" })).oidc?.allowHttp).toBe(true);
  });

  it("password sign-in can be switched off only when single sign-on is configured", () => {
    expect(startupError({ COUNTERSIGN_PASSWORD_SIGN_IN: "off" })).toContain("COUNTERSIGN_PASSWORD_SIGN_IN: off needs single sign-on");
    expect(startupError({ ...complete, COUNTERSIGN_PASSWORD_SIGN_IN: "no" })).toContain("COUNTERSIGN_PASSWORD_SIGN_IN must be on or off");
    expect(signInMethodsOf(readEnv({ ...complete, COUNTERSIGN_PASSWORD_SIGN_IN: "off" })).password).toBe(false);
  });

  it("a malformed email domain and scopes without openid are named", () => {
    expect(startupError({ ...complete, COUNTERSIGN_OIDC_EMAIL_DOMAINS: "example.com,not a domain" })).toContain('"not a domain" is not a domain name');
    expect(startupError({ ...complete, COUNTERSIGN_OIDC_SCOPES: "email profile" })).toContain("COUNTERSIGN_OIDC_SCOPES must include openid");
  });
});

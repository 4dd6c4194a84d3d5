import { defineConfig } from "@playwright/test";
import { join } from "node:path";
import base, { baseURL, demoServer, e2eDataDir } from "./playwright.config";

/**
 * Single sign-on, end to end: a real OpenID Connect provider (oidc-provider, on port E2E_PORT + 10)
 * and the demo server configured to sign people in through it. A configuration of its own, so the
 * other specs keep the plain demo; `pnpm test:e2e` runs both.
 */
const port = Number(new URL(baseURL).port);
const providerPort = Number(process.env.E2E_OIDC_PORT ?? port + 10);
const issuer = `http://127.0.0.1:${providerPort}`;
const dataDir = `${e2eDataDir}-sso`;
const baseServer = Array.isArray(base.webServer) ? base.webServer[0]! : base.webServer!;
const server = demoServer(dataDir, "sso");

export const ssoProvider = { issuer, reviewer: "rita.reviewer", waiting: "walter.waiting", outsider: "olga.outsider" };

export default defineConfig({
  ...base,
  testDir: "./tests-sso",
  // Each test goes through two servers and a full browser round trip; on a loaded 2-core runner that took up to 56 s.
  timeout: 120_000,
  outputDir: join(base.outputDir!, "sso"),
  webServer: [
    {
      command: "node --import tsx ../apps/server/src/testing/oidc-provider-main.ts",
      cwd: baseServer.cwd,
      url: `${issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      // A CI run once saw this process load its modules and then not answer within 60 s, on a 2-core
      // runner busy after the suites before it; the demo server beside it gets as long.
      timeout: 240_000,
      stdout: "pipe",
      env: { OIDC_PROVIDER_PORT: String(providerPort), OIDC_REDIRECT_URI: `${baseURL}/auth/oidc/callback` },
    },
    {
      ...baseServer,
      command: server.command,
      env: {
        ...baseServer.env,
        ...server.env,
        COUNTERSIGN_PUBLIC_URL: baseURL,
        COUNTERSIGN_OIDC_ISSUER: issuer,
        COUNTERSIGN_OIDC_ALLOW_HTTP: "1",
        COUNTERSIGN_OIDC_CLIENT_ID: "countersign",
        COUNTERSIGN_OIDC_CLIENT_SECRET: "countersign-test-client-secret",
        COUNTERSIGN_OIDC_SCOPES: "openid email profile groups",
        COUNTERSIGN_OIDC_ROLE_MAP: "cs-reviewers=reviewer,cs-leads=lead",
        COUNTERSIGN_OIDC_EMAIL_DOMAINS: "example.com,demo.local",
      },
    },
  ],
});

import { startTestProvider } from "./oidc-provider";

/**
 * The test identity provider as a process of its own, for the single sign-on end-to-end spec
 * (e2e/playwright.sso.config.ts starts it beside Countersign). Loopback only; tests only.
 */
const port = Number(process.env.OIDC_PROVIDER_PORT ?? 8809);
const redirectUri = process.env.OIDC_REDIRECT_URI;
if (!redirectUri) throw new Error("OIDC_REDIRECT_URI is required: Countersign's {COUNTERSIGN_PUBLIC_URL}/auth/oidc/callback");

// Each step says when it is done, so a start that hangs shows where.
console.log(`Test identity provider: starting on port ${port}`);
const provider = await startTestProvider({
  redirectUri,
  port,
  accounts: {
    "rita.reviewer": { email: "rita.reviewer@example.com", name: "Rita Reviewer", groups: ["cs-reviewers", "all-staff"] },
    "walter.waiting": { email: "walter.waiting@example.com", name: "Walter Waiting", groups: ["all-staff"] },
    "olga.outsider": { email: "olga@partner.example.org", name: "Olga Outsider", groups: ["cs-reviewers"] },
  },
});
console.log(`Test identity provider at ${provider.issuer} (client ${provider.clientId})`);
const stop = () => void provider.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

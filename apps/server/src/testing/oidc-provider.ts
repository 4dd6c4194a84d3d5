import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type FindAccount } from "oidc-provider";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) for the tests: single sign-on is
 * tested against what a company's identity provider does — discovery, authorization code with
 * PKCE, signed ID tokens, userinfo — not against a mock. Its directory is a map the test changes
 * (a new group, a new email) between sign-ins. Its login page is minimal: a username, no password.
 */

export type DirectoryAccount = { email: string; name: string; groups: string[]; emailVerified?: boolean };

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Username → account: what the provider says about each person. */
  directory: Map<string, DirectoryAccount>;
  close: () => Promise<void>;
};

export const testClient = { clientId: "countersign", clientSecret: "countersign-test-client-secret" };

export async function startTestProvider(options: {
  redirectUri: string;
  accounts?: Record<string, DirectoryAccount>;
  port?: number;
  host?: string;
}): Promise<TestProvider> {
  const directory = new Map(Object.entries(options.accounts ?? {}));
  let provider: Provider | null = null;
  const server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith("/interaction/")) {
      interaction(provider, directory, req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      });
      return;
    }
    void provider.callback()(req, res);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const findAccount: FindAccount = (_ctx, sub) => {
    const account = directory.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      claims: () => ({ sub, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups }),
    };
  };
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const configuration: Configuration = {
    clients: [
      {
        client_id: testClient.clientId,
        client_secret: testClient.clientSecret,
        redirect_uris: [options.redirectUri],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    // Every client must prove possession of its PKCE verifier: Countersign must send one.
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ["countersign-test-provider-cookie-key"] },
    jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" }] },
    findAccount,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  };
  provider = new Provider(issuer, configuration);
  return {
    issuer,
    ...testClient,
    directory,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The provider's pages: a username form for login; consent is given at once for everything asked. */
async function interaction(provider: Provider, directory: Map<string, DirectoryAccount>, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "POST") {
    const login = new URLSearchParams(await bodyOf(req)).get("login")?.trim() ?? "";
    if (!directory.has(login)) return loginPage(res, details.uid, 400, "No such user at this identity provider.");
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }
  if (details.prompt.name === "login") return loginPage(res, details.uid, 200);
  const grant = details.grantId
    ? (await provider.Grant.find(details.grantId))!
    : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

function loginPage(res: ServerResponse, uid: string, status: number, error?: string) {
  // uid is the provider's own random id; nothing of the request is echoed into the page.
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><h1>Test identity provider</h1>${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${encodeURIComponent(uid)}"><label>Username <input name="login" autofocus></label>
<button type="submit">Continue</button></form></body></html>`);
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

import type { buildApp } from "../app";
import type { TestProvider } from "./oidc-provider";

type App = Awaited<ReturnType<typeof buildApp>>;

/** The cookies one site has set in a browser: enough of a browser for redirects through the provider. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
  }
  get(name: string) {
    return this.cookies.get(name);
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export const publicUrl = "http://countersign.test";
export const redirectUri = `${publicUrl}/auth/oidc/callback`;

/**
 * What a browser does on "Sign in with SSO": Countersign's login route sends it to the provider,
 * the person types their username there, the provider sends the browser back to the callback.
 * Returns the callback's URL (code, state, iss) without calling it, and the browser's cookies for
 * Countersign, so a test can tamper with either before `returnToCountersign`.
 */
export async function leaveForProvider(app: App, provider: TestProvider, login: string, jar = new CookieJar()) {
  const start = await app.request(`${publicUrl}/auth/oidc/login`, { headers: { cookie: jar.header() } });
  jar.store(start);
  if (start.status !== 302) throw new Error(`the login route answered ${start.status}`);
  const location = start.headers.get("location")!;
  if (!location.startsWith(provider.issuer)) return { callback: new URL(location, publicUrl), jar };
  return { callback: await throughProvider(new URL(location), login), jar };
}

export async function returnToCountersign(app: App, callback: URL, jar: CookieJar) {
  const res = await app.request(`${publicUrl}${callback.pathname}${callback.search}`, { headers: { cookie: jar.header() } });
  jar.store(res);
  return { status: res.status, location: res.headers.get("location"), session: jar.get("countersign_session"), jar };
}

/** The whole round trip, in a fresh browser. */
export async function signInThroughProvider(app: App, provider: TestProvider, login: string) {
  const { callback, jar } = await leaveForProvider(app, provider, login);
  return returnToCountersign(app, callback, jar);
}

async function throughProvider(start: URL, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = start;
  let form: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      redirect: "manual",
      ...(form ? { method: "POST", body: form } : {}),
      headers: { cookie: jar.header(), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    jar.store(res);
    form = null;
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url);
      continue;
    }
    const page = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (res.status !== 200 || !action) throw new Error(`the provider answered ${res.status}: ${page.slice(0, 400)}`);
    url = new URL(action, url);
    form = new URLSearchParams({ login });
  }
  throw new Error("too many redirects at the provider");
}

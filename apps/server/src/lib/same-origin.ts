import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/**
 * Why a cookie-authenticated request must be refused as cross-origin, or null when it comes from
 * the workbench itself. Browsers send Sec-Fetch-Site on every request and Origin on every POST;
 * a page can forge neither. A client that sends neither is not a browser, and so carries no
 * victim's cookie: it is let through (its session cookie, if any, is its own).
 *
 * The workbench's origin is `publicOrigin` (COUNTERSIGN_PUBLIC_URL) when configured; otherwise
 * the request's own Host header, which a browser sets to the address it is talking to — so the
 * e2e server, the Vite dev proxy (it keeps Host) and a plain deployment need no setting, while a
 * reverse proxy that rewrites Host needs the public URL.
 */
export function crossOriginReason(c: Context, publicOrigin: string | undefined): string | null {
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  if (origin !== undefined && publicOrigin !== undefined && origin === publicOrigin) return null;
  if (site !== undefined) {
    return site === "same-origin" || site === "none" ? null : `the request came from another site (Sec-Fetch-Site: ${site})`;
  }
  if (origin === undefined) return null;
  const own = publicOrigin ?? hostOrigin(c);
  if (own !== null && sameOrigin(origin, own, publicOrigin === undefined)) return null;
  return `the request came from ${origin}, not from the Countersign workbench`;
}

function hostOrigin(c: Context): string | null {
  const host = c.req.header("host");
  return host ? `http://${host}` : null;
}

/** Without a configured public URL only the host is known (TLS may end at a proxy), so the scheme is not compared. */
function sameOrigin(origin: string, own: string, hostOnly: boolean): boolean {
  if (!URL.canParse(origin)) return false; // "null": a sandboxed or opaque origin
  const a = new URL(origin);
  const b = new URL(own);
  return hostOnly ? a.host === b.host : a.origin === b.origin;
}

/**
 * The client's address: as the socket sees it, or — behind a reverse proxy, where every socket is
 * the proxy's — from the header the proxy sets (COUNTERSIGN_CLIENT_ADDRESS_HEADER). For
 * X-Forwarded-For the last entry is the one the nearest proxy appended; the earlier ones are the
 * client's own claims. "unknown" when there is no socket (app.request in tests).
 */
export function clientAddress(c: Context, fromHeader?: string): string {
  if (fromHeader) {
    const entries = (c.req.header(fromHeader) ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
    if (entries.length > 0) return entries[entries.length - 1]!;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

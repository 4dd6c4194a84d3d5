import { lookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "../../lib/errors";

/**
 * Webhook URLs must not reach the server's own network (SSRF): only globally routable unicast
 * addresses are allowed. ipaddr.js names every special range — private, loopback, link-local,
 * unique-local, CGNAT, unspecified, multicast, reserved, NAT64 — and `process` reads an
 * IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

const privateRule = "must not reach a private, loopback, link-local, unique-local, CGNAT or unspecified address (set COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE=1 for tests and single-host setups)";

/** The host of a URL as an address or a name: `[::1]` loses its brackets. */
function hostOf(url: URL) {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => lookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

/** At registration: an address, or a name resolving to any address, outside the public internet is refused. */
export async function assertWebhookUrlAllowed(rawUrl: string, allowPrivate: boolean) {
  if (allowPrivate) return;
  const host = hostOf(new URL(rawUrl));
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await resolveAll(host)).map((a) => a.address);
    } catch {
      throw new AppError("BAD_REQUEST", `url: the host ${host} does not resolve`, [{ path: "url", message: `the host ${host} does not resolve` }]);
    }
  }
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused) {
    const message = `url ${privateRule}; ${host === refused ? "it is" : `${host} resolves to`} ${refused}`;
    throw new AppError("BAD_REQUEST", message, [{ path: "url", message }]);
  }
}

/** A literal address in a URL is checked before sending (Node connects to it without a lookup). */
export function refusedLiteralAddress(rawUrl: string): string | null {
  const host = hostOf(new URL(rawUrl));
  return isIP(host) && !isPublicAddress(host) ? host : null;
}

/**
 * The lookup a delivery connects with: a name is resolved once, and the connection goes to the
 * checked addresses only, so a DNS answer that changed since registration (or changes between
 * check and connect) cannot reach a private address.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) {
      const denied = Object.assign(new Error(`refused: ${hostname} resolves to ${refused.address}, which webhooks ${privateRule}`), { code: "EADDRNOTPUBLIC" });
      return callback(denied, "", 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    return callback(null, first!.address, first!.family);
  });
};

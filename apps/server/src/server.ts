import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";

/**
 * How long a connection may take over its request. A client that trickles its headers
 * (slowloris) or its body holds a socket and memory; these close it instead of waiting for it.
 */
export type ConnectionTimeouts = {
  /** the whole header block must arrive within this */
  headersTimeoutMs: number;
  /** the whole request, body included (bodies are at most 1 MiB) */
  requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: number;
  /** how often Node checks the two timeouts above; a slow client is closed within timeout + this */
  checkIntervalMs: number;
};

export const defaultTimeouts: ConnectionTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

/** Starts the Node HTTP server for an app with the connection timeouts above. */
export function startServer(
  options: { fetch: (request: Request, env: never) => Response | Promise<Response>; port: number; hostname: string },
  onListening?: (address: AddressInfo) => void,
  timeouts: ConnectionTimeouts = defaultTimeouts,
): ServerType {
  const server = serve(
    {
      fetch: options.fetch as Parameters<typeof serve>[0]["fetch"],
      port: options.port,
      hostname: options.hostname,
      serverOptions: {
        headersTimeout: timeouts.headersTimeoutMs,
        requestTimeout: timeouts.requestTimeoutMs,
        connectionsCheckingInterval: timeouts.checkIntervalMs,
        keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      },
    },
    onListening,
  );
  // Older Node versions read these from the server object rather than the constructor options.
  if ("headersTimeout" in server) {
    server.headersTimeout = timeouts.headersTimeoutMs;
    server.requestTimeout = timeouts.requestTimeoutMs;
    server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  }
  return server;
}

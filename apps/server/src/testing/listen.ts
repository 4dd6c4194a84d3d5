import type { AddressInfo } from "node:net";
import type { Hono } from "hono";
import { defaultTimeouts, startServer, type ConnectionTimeouts } from "../server";

/** The app on a real listening socket (port 0), as the server starts it, for tests that need connections. */
export async function listen(app: Hono, timeouts: ConnectionTimeouts = defaultTimeouts) {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const address = await new Promise<AddressInfo>((ready) => {
    server = startServer({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, ready, timeouts);
  });
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    port: address.port,
    close: () =>
      new Promise<void>((done) => {
        if ("closeAllConnections" in server!) server.closeAllConnections();
        server!.close(() => done());
      }),
  };
}

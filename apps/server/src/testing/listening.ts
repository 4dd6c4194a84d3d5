import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Countersign } from "@countersign/client";
import type { buildApp } from "../app";

/**
 * The app on a real port (0: any free one), as AI systems reach it, so REST tests go through the
 * TypeScript client and a real HTTP stack.
 */
export async function listening(app: Awaited<ReturnType<typeof buildApp>>) {
  let address: AddressInfo | undefined;
  const server = await new Promise<Awaited<ReturnType<typeof serve>>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      address = info;
      resolve(started);
    });
  });
  const baseUrl = `http://127.0.0.1:${address!.port}`;
  return {
    baseUrl,
    /** A client with this API key; retries quickly, so a test never waits on backoff. */
    client: (apiKey: string) => new Countersign({ baseUrl, apiKey, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 50 } }),
    close: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

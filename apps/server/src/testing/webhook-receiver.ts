import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, vi } from "vitest";

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string };

/**
 * A real HTTP receiver on localhost for webhook tests. `answer` decides each response's status
 * from the number of requests so far (1-based); every request is kept, as received, for the test
 * to verify with the standardwebhooks package as a real receiver would.
 */
export async function webhookReceiver(answer: (n: number) => number = () => 204) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answer(received.length);
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status >= 300 ? `<b>receiver says ${status}</b>` : "ok");
    });
  });
  const address = await new Promise<AddressInfo>((ready) => server.listen(0, "127.0.0.1", () => ready(server.address() as AddressInfo)));
  return {
    url: `http://127.0.0.1:${address.port}/hooks`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The headers a Standard Webhooks receiver reads, from what arrived. */
export function webhookHeaders(request: ReceivedWebhook) {
  return {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  };
}

/**
 * For a test file: a `receiver()` that starts a webhook receiver, every one of which is closed
 * (and real timers restored) after each test.
 */
export function webhookReceivers() {
  const open: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  return async function receiver(answer?: (n: number) => number) {
    const r = await webhookReceiver(answer);
    open.push(r);
    return r;
  };
}

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { webhookReceiver } from "../../testing/webhook-receiver";
import { runWebhooksOnce } from "./worker";
import { webhookSetting } from "./webhook-testing";
import { statement } from "../../lib/prepared";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A receiver that answers each request with what `handle` does. */
async function rawReceiver(handle: Parameters<typeof createServer>[1]) {
  const server = createServer(handle);
  const { port } = await new Promise<AddressInfo>((ready) => server.listen(0, "127.0.0.1", () => ready(server.address() as AddressInfo)));
  closers.push(() => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }));
  return { url: `http://127.0.0.1:${port}/hooks` };
}

const attempts = async (s: Awaited<ReturnType<typeof webhookSetting>>) =>
  await statement(s.t.deps.db, "SELECT http_status AS httpStatus, error, response_excerpt AS responseExcerpt FROM webhook_attempts ORDER BY id").all();

describe("limits of one delivery round", () => {
  it("a receiver that never answers is cut off at the request's deadline and retried later", async () => {
    const s = await webhookSetting();
    const silent = await rawReceiver(() => undefined);
    await s.register(silent.url, ["system.halted"]);
    await s.halt();
    const started = performance.now();
    await runWebhooksOnce(s.t.deps, { concurrency: 4, timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(await attempts(s)).toEqual([{ httpStatus: null, error: "timed out after 300 ms", responseExcerpt: null }]);
    expect(await s.deliveries()).toEqual([expect.objectContaining({ status: "pending", attempts: 1 })]);
  });

  it("a redirect is not followed: it is a failed attempt", async () => {
    const s = await webhookSetting();
    const elsewhere = await webhookReceiver();
    closers.push(elsewhere.close);
    const redirecting = await rawReceiver((_req, res) => res.writeHead(307, { location: elsewhere.url }).end());
    await s.register(redirecting.url, ["system.halted"]);
    await s.halt();
    await runWebhooksOnce(s.t.deps);
    expect(await attempts(s)).toEqual([expect.objectContaining({ httpStatus: 307 })]);
    expect(elsewhere.received).toEqual([]);
  });

  it("sends at most `concurrency` requests in one round; the rest follow in the next", async () => {
    const s = await webhookSetting();
    let inFlight = 0;
    let most = 0;
    const slow = await rawReceiver((req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      req.resume();
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(204).end();
      }, 100);
    });
    for (let i = 0; i < 5; i++) await s.register(`${slow.url}?n=${i}`, ["system.halted"]);
    await s.halt();
    expect((await runWebhooksOnce(s.t.deps, { concurrency: 2, timeoutMs: 5_000 })).sent).toBe(2);
    expect(most).toBe(2);
    await runWebhooksOnce(s.t.deps, { concurrency: 2, timeoutMs: 5_000 });
    await runWebhooksOnce(s.t.deps, { concurrency: 2, timeoutMs: 5_000 });
    expect((await s.deliveries()).map((d) => d.status)).toEqual(Array(5).fill("delivered"));
    expect(new Set((await s.deliveries()).map((d) => d.messageId)).size).toBe(1);
  });

  it("an endpoint whose literal address is private is refused at delivery when private addresses are not allowed", async () => {
    const s = await webhookSetting();
    const hooks = await webhookReceiver();
    closers.push(hooks.close);
    await s.register(hooks.url, ["system.halted"]);
    s.t.deps.allowPrivateWebhookUrls = false;
    await s.halt();
    await runWebhooksOnce(s.t.deps);
    expect(hooks.received).toEqual([]);
    expect(await attempts(s)).toEqual([{ httpStatus: null, error: "refused: 127.0.0.1 is not a public address", responseExcerpt: null }]);
  });
});

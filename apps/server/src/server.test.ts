import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "./app";
import { defaultTimeouts } from "./server";
import { listen } from "./testing/listen";
import { testDeps } from "./testing/fixtures";

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

/** Opens a raw socket and sends a request's headers one line at a time, `everyMs` apart; resolves when the server closes it. */
function slowHeaders(port: number, everyMs: number) {
  return new Promise<{ closedAfterMs: number; reply: string; linesSent: number }>((done, fail) => {
    const started = Date.now();
    let reply = "";
    let linesSent = 0;
    const socket = connect(port, "127.0.0.1", () => {
      socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      const trickle = setInterval(() => {
        if (socket.destroyed || socket.writableEnded) return clearInterval(trickle);
        socket.write(`X-Slow-${linesSent++}: still sending\r\n`);
      }, everyMs);
      socket.on("close", () => {
        clearInterval(trickle);
        done({ closedAfterMs: Date.now() - started, reply, linesSent });
      });
    });
    socket.on("data", (chunk) => (reply += chunk.toString()));
    socket.on("error", () => {}); // a reset after the 408 is a close too
    setTimeout(() => fail(new Error("the server kept the slow socket open")), 10_000).unref();
  });
}

describe("the Node server", () => {
  it("closes a socket that sends its headers too slowly (slowloris), and keeps serving others", async () => {
    const timeouts = { headersTimeoutMs: 600, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 500, checkIntervalMs: 100 };
    const server = await listen(buildApp(testDeps().deps), timeouts);
    stop = server.close;
    const sockets = await Promise.all(Array.from({ length: 20 }, () => slowHeaders(server.port, 100)));
    for (const socket of sockets) {
      expect(socket.closedAfterMs).toBeLessThan(3_000);
      expect(socket.reply).toMatch(/^HTTP\/1\.1 408/);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("starts with header, request and keep-alive timeouts well below Node's defaults", () => {
    expect(defaultTimeouts.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(defaultTimeouts.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(defaultTimeouts.keepAliveTimeoutMs).toBeLessThan(defaultTimeouts.headersTimeoutMs);
  });
});

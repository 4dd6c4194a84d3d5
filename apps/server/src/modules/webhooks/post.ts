import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { performance } from "node:perf_hooks";
import { publicOnlyLookup, refusedLiteralAddress } from "./address-rule";

/** What came back from one request: a status, or why there was none. The excerpt is the receiver's text, untrusted. */
export type PostOutcome = { httpStatus: number | null; latencyMs: number; responseExcerpt: string | null; error: string | null };

const responseExcerptBytes = 1024;

/**
 * POSTs one signed delivery. Redirects are not followed (a 3xx is a failed attempt: a redirect
 * could point anywhere), each request has its own deadline, a fresh connection per request (no
 * pooled socket to an address that was checked before), and only the first KiB of the answer is read.
 */
export function postDelivery(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean }): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!options.allowPrivate) {
    const literal = refusedLiteralAddress(url);
    if (literal) return Promise.resolve({ httpStatus: null, latencyMs: 0, responseExcerpt: null, error: `refused: ${literal} is not a public address` });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Countersign-Webhooks/1" },
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, responseExcerptBytes).toString("utf8");
          finish({ httpStatus: res.statusCode ?? null, responseExcerpt: excerpt, error: null });
          res.destroy();
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= responseExcerptBytes) done();
        });
        res.on("end", done);
        res.on("error", done);
      },
    );
    const deadline = setTimeout(() => {
      finish({ httpStatus: null, responseExcerpt: null, error: `timed out after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ httpStatus: null, responseExcerpt: null, error: error.message || error.code || "connection failed" }));
    req.end(body);
  });
}

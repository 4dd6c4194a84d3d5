import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { listen } from "../testing/listen";
import { addSystem, addUser, testDeps, testPassword } from "../testing/fixtures";

let stop: (() => Promise<void>) | undefined;
afterEach(() => stop?.());

/** A real server with a signed-in lead; `cookie` is the lead's session. */
async function signedInServer(publicOrigin?: string) {
  const t = testDeps();
  await addUser(t.deps, "lead@example.com", ["lead"]);
  const server = await listen(buildApp(t.deps, undefined, { publicOrigin }));
  stop = server.close;
  const res = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "lead@example.com", password: testPassword }),
  });
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const signedIn = async () => {
    const me = (await (await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie } })).json()) as { result: { data: unknown } };
    return me.result.data !== null;
  };
  return { t, url: server.url, cookie, signedIn };
}

describe("mutations come only from the workbench's own origin, as JSON", () => {
  it("refuses a JSON mutation from another origin with a valid session cookie: 403, named, nothing done", async () => {
    const { url, cookie, signedIn } = await signedInServer();
    const res = await fetch(`${url}/trpc/auth.signOut`, {
      method: "POST",
      headers: { cookie, origin: "http://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe("FORBIDDEN");
    expect(body.error.message).toBe("the request came from http://evil.example, not from the Countersign workbench: changes are accepted only from the workbench");
    expect(await signedIn()).toBe(true);
  });

  it("a form on another origin of the same site posting multipart/form-data cannot end the session", async () => {
    const { url, cookie, signedIn } = await signedInServer();
    const form = new FormData();
    form.set("anything", "1");
    // What a browser sends for a form on http://other.localhost posting here.
    const fromForm = await fetch(`${url}/trpc/auth.signOut`, {
      method: "POST",
      headers: { cookie, origin: "http://other.127.0.0.1.nip.io", "sec-fetch-site": "same-site" },
      body: form,
    });
    expect(fromForm.status).toBe(403);
    expect(((await fromForm.json()) as { error: { message: string } }).error.message).toMatch(/Sec-Fetch-Site: same-site/);
    // And a form body is refused even where no origin header says where it came from.
    const untold = await fetch(`${url}/trpc/auth.signOut`, { method: "POST", headers: { cookie }, body: form });
    expect(untold.status).toBe(415);
    expect(((await untold.json()) as { error: { message: string } }).error.message).toMatch(/^the request body must be JSON \(Content-Type: application\/json\), not multipart\/form-data/);
    expect(await signedIn()).toBe(true);
  });

  it("accepts the workbench's own JSON mutations, by Origin or by Sec-Fetch-Site", async () => {
    const { url, cookie, signedIn } = await signedInServer();
    const sameOrigin = await fetch(`${url}/trpc/systems.halt`, {
      method: "POST",
      headers: { cookie, origin: url, "content-type": "application/json" },
      body: JSON.stringify({ systemId: "none", reason: "testing the stop" }),
    });
    expect(sameOrigin.status).toBe(404); // through the guard to the use case, which knows no such system
    const out = await fetch(`${url}/trpc/auth.signOut`, {
      method: "POST",
      headers: { cookie, origin: url, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: "{}",
    });
    expect(out.status).toBe(200);
    expect(await signedIn()).toBe(false);
  });

  it("with a configured public URL, only that origin counts as the workbench", async () => {
    const { url, cookie } = await signedInServer("https://countersign.example.com");
    const post = (origin: string) =>
      fetch(`${url}/trpc/auth.signOut`, { method: "POST", headers: { cookie, origin, "content-type": "application/json" }, body: "{}" });
    expect((await post(url)).status).toBe(403);
    expect((await post("https://countersign.example.com")).status).toBe(200);
  });

  it("refuses a proof-pack export started from another origin of the same site", async () => {
    const { t, url, cookie } = await signedInServer();
    await addSystem(t.deps);
    const query = "system=refund-triage&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z";
    const sameSite = await fetch(`${url}/exports/proof-pack?${query}`, { headers: { cookie, "sec-fetch-site": "same-site" } });
    expect(sameSite.status).toBe(403);
    expect(((await sameSite.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    const own = await fetch(`${url}/exports/proof-pack?${query}`, { headers: { cookie, "sec-fetch-site": "same-origin" } });
    expect(own.status).toBe(200);
    await own.arrayBuffer();
  });
});

describe("tRPC bodies are limited before they are read", () => {
  const big = (bytes: number) => JSON.stringify({ email: "x@example.com", password: "p".repeat(bytes) });

  it("an anonymous call gets 16 KiB, declared or chunked, and Node's fetch on a kept-alive connection sees the 413", async () => {
    const { url } = await signedInServer();
    const declared = await fetch(`${url}/trpc/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body: big(20_000) });
    expect(declared.status).toBe(413);
    expect(declared.headers.get("connection")).toBe("close");
    expect(((await declared.json()) as { error: { message: string } }).error.message).toBe("the request body must be at most 16 KiB");

    // Chunked, with no Content-Length, on a connection a previous request kept alive.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    for (let round = 0; round < 3; round++) {
      const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
      const body = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      const chunked = await fetch(`${url}/trpc/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
      expect(chunked.status).toBe(413);
      await chunked.text();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    }
  });

  it("a signed-in call gets 1 MiB", async () => {
    const { url, cookie } = await signedInServer();
    const post = (bytes: number) =>
      fetch(`${url}/trpc/systems.halt`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ systemId: "none", reason: "r".repeat(bytes) }),
      });
    expect((await post(100_000)).status).toBe(400); // read, and refused by the schema for its reason's length
    const tooBig = await post(1024 * 1024 + 1);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toBe("the request body must be at most 1024 KiB");
  });

  it("the REST API's 413 closes the connection too, so the next request on it is not lost", async () => {
    const t = testDeps();
    const { key } = await addSystem(t.deps);
    const server = await listen(buildApp(t.deps));
    stop = server.close;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    for (let round = 0; round < 3; round++) {
      expect((await fetch(`${server.url}/api/v1/system`, { headers })).status).toBe(200);
      const chunk = new TextEncoder().encode("x".repeat(100_000));
      const body = new ReadableStream({
        start(controller) {
          // 5 MB: past the 4 MiB an escalation's body may hold (maxEscalationBodyBytes).
          for (let i = 0; i < 50; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      const res = await fetch(`${server.url}/api/v1/escalations`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
    }
  });

  it("a refusal before the body is read (here a 401 for an unknown key) closes the connection too", async () => {
    const t = testDeps();
    const { key } = await addSystem(t.deps);
    const server = await listen(buildApp(t.deps));
    stop = server.close;
    for (let round = 0; round < 3; round++) {
      expect((await fetch(`${server.url}/api/v1/system`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      const chunk = new TextEncoder().encode("x".repeat(100_000));
      const body = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 30; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      const res = await fetch(`${server.url}/api/v1/escalations`, {
        method: "POST",
        headers: { authorization: "Bearer cs_unknown", "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(401);
      expect(res.headers.get("connection")).toBe("close");
      await res.text();
    }
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { createLogger } from "../../lib/logger";
import { addSystem, addUser, testDeps, testPassword } from "../../testing/fixtures";

let t: Awaited<ReturnType<typeof testDeps>>;
let key: string;
let lines: string[];
let app: Awaited<ReturnType<typeof buildApp>>;

beforeEach(async () => {
  t = testDeps();
  key = (await addSystem(t.deps)).key;
  lines = [];
  app = buildApp(t.deps, undefined, {}, { log: createLogger({ write: (line: string) => lines.push(line) }, "info") });
});

const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("every response carries one: a new UUID, or the caller's own when it is plain and short", async () => {
    const fresh = await app.request("/healthz");
    expect(fresh.headers.get("x-request-id")).toMatch(uuid);
    const kept = await app.request("/healthz", { headers: { "x-request-id": "lb-7f3a.2026:01" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a.2026:01");
    for (const forged of ["a b", "x".repeat(129), '"}{"level":"fatal', "-starts-with-dash"]) {
      const res = await app.request("/healthz", { headers: { "x-request-id": forged } });
      expect(res.headers.get("x-request-id"), forged).toMatch(uuid);
    }
  });

  it("a REST error names it in error.requestId, the same as the header and the log line", async () => {
    const res = await app.request("/api/v1/escalations/esc_missing", { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(404);
    const id = res.headers.get("x-request-id");
    expect(((await res.json()) as any).error.requestId).toBe(id);
    expect(logged()).toContainEqual(
      expect.objectContaining({ level: "info", msg: "request", requestId: id, method: "GET", route: "/api/v1/escalations/:id", status: 404, service: "countersign" }),
    );
  });

  it("the access line holds the method, route pattern, status and time; lines of the same log still censor secrets", async () => {
    const log = createLogger({ write: (line: string) => lines.push(line) }, "info");
    const appWithLog = buildApp(t.deps, undefined, {}, { log });
    const res = await appWithLog.request("/api/v1/escalations/esc_missing?externalId=personal", { headers: { authorization: `Bearer ${key}` } });
    log.info({ user: { password: "hunter2", email: "reviewer@example.com" }, token: "t0ken" }, "carries secrets");
    const [access, other] = logged();
    expect(Object.keys(access!).sort()).toEqual(["level", "method", "ms", "msg", "requestId", "route", "service", "status", "time"]);
    expect(access).toMatchObject({ requestId: res.headers.get("x-request-id"), method: "GET", route: "/api/v1/escalations/:id", status: 404 });
    expect(other).toMatchObject({ user: { password: "[redacted]", email: "[redacted]" }, token: "[redacted]" });
  });

  it("a tRPC error names it in its data", async () => {
    const res = await app.request("/trpc/queue.list?input=%7B%7D");
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.data.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("an internal error answers 500 with the id, and its log line carries the same id", async () => {
    t.deps.db.$client.close();
    const res = await app.request("/api/v1/system", { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id")!;
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ code: "INTERNAL", requestId: id });
    expect(body.error.message).toContain(id);
    const failure = logged().find((line) => line.msg === "request failed");
    expect(failure).toMatchObject({ level: "error", requestId: id, route: "/api/v1/*" });
  });

  it("the log holds no API key, password, session cookie, email address, request body or query string", async () => {
    const email = "ana.lima@example.com";
    await addUser(t.deps, email, ["reviewer"]);
    const signIn = await app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ email, password: testPassword }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    await app.request("/trpc/queue.list?input=%7B%7D", { headers: { cookie } });
    await app.request(`/api/v1/escalations?externalId=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${key}` } });
    await app.request("/api/v1/escalations", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
    const text = lines.join("");
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const secret of [key, testPassword, cookie.split("=")[1]!, email, "externalId"]) expect(text, secret).not.toContain(secret);
    expect(logged().every((line) => typeof line.requestId === "string")).toBe(true);
  });
});

import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { httpRoutes } from "../../testing/endpoints";
import { testDeps } from "../../testing/fixtures";

const app = buildApp(testDeps().deps);
const document = async () => (await app.request("/api/v1/openapi.json")).json() as Promise<{ openapi: string; paths: Record<string, Record<string, unknown>> }>;

/** The description and its reference are not part of what they describe. */
const describing = (path: string) => path === "/api/v1/openapi.json" || path.startsWith("/api/v1/docs");

describe("the OpenAPI description at /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every /api/v1 route the app serves, with its method", async () => {
    const { paths } = await document();
    const served = httpRoutes(app)
      .filter((r) => r.path.startsWith("/api/v1/") && !describing(r.path))
      .map((r) => `${r.method} ${r.path.replace("/api/v1", "").replace(/:(\w+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThan(5);
    const described = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(served.filter((route) => !described.includes(route)), "routes missing from the OpenAPI document").toEqual([]);
    expect(described.filter((route) => !served.includes(route)), "documented routes the app does not serve").toEqual([]);
  });

  it("documents the error shape, the API key scheme and the 429 with Retry-After", async () => {
    const doc = (await document()) as unknown as {
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, { properties: Record<string, unknown> }> };
      paths: Record<string, { post: { responses: Record<string, { headers?: Record<string, unknown> }> } }>;
    };
    expect(doc.components.securitySchemes.apiKey!.scheme).toBe("bearer");
    expect(Object.keys(doc.components.schemas.ErrorBody!.properties)).toEqual(["code", "message", "issues"]);
    const post = doc.paths["/escalations"]!.post.responses;
    expect(Object.keys(post)).toEqual(expect.arrayContaining(["200", "201", "400", "401", "409", "413", "429", "500"]));
    expect(post["429"]!.headers).toHaveProperty("Retry-After");
  });
});

describe("the interactive reference at /api/v1/docs", () => {
  it("is served from this server's own files, with no inline script", async () => {
    const res = await app.request("/api/v1/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source.startsWith("/api/v1/docs/"), source).toBe(true);
      const asset = await app.request(source);
      expect(asset.status, source).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>[^<]/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});

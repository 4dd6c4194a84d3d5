import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import { openTo } from "../../lib/rest";
import { openApiDocument } from "./document";

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

// The page's CSP allows scripts from this origin only (no inline script): Swagger UI starts from this file.
const startScript = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#reference", deepLinking: true, tryItOutEnabled: false });
});
`;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Countersign REST API reference</title>
<link rel="stylesheet" href="/api/v1/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api/v1/docs/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/start.js"></script>
</body>
</html>
`;

/** Swagger UI's own files, from the swagger-ui-dist package: the reference works without any CDN. */
const assets = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;
const assetCache = new Map<string, string>();
const asset = (name: keyof typeof assets) => {
  let body = assetCache.get(name);
  if (body === undefined) assetCache.set(name, (body = readFileSync(join(swaggerUiDir, name), "utf8")));
  return body;
};

/** GET /api/v1/openapi.json and the interactive reference at /api/v1/docs: public, like the API's README. */
export function apiDocsRoutes() {
  const app = new Hono()
    .get("/openapi.json", openTo("readApiDescription"), (c) => c.json(openApiDocument()))
    .get("/docs", openTo("readApiDescription"), (c) => c.html(page))
    .get("/docs/start.js", openTo("readApiDescription"), (c) => c.body(startScript, 200, { "content-type": "text/javascript; charset=utf-8" }));
  for (const name of Object.keys(assets) as (keyof typeof assets)[]) {
    app.get(`/docs/${name}`, openTo("readApiDescription"), (c) =>
      c.body(asset(name), 200, { "content-type": assets[name], "cache-control": "public, max-age=86400" }),
    );
  }
  return app;
}

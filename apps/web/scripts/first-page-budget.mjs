// Weighs what each first page loads, from the build's own manifest, and fails the build when the
// JavaScript of a page a user lands on (see firstPages) is over
// the budget. Runs right after `vite build` (see package.json), so it never reads a stale build.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import console from "node:console";
import process from "node:process";
import { gzipSync } from "node:zlib";

const budgetBytes = 250_000;
// Where people land: sign-in when signed out, the queue when signed in (every role's home), and a
// review screen (a reviewer's reload, or a link to the item they hold).
const firstPages = {
  "sign-in": "src/app/routes/sign-in-page.tsx",
  queue: "src/app/routes/queue-page.tsx",
  review: "src/app/routes/review-page.tsx",
};

const dist = join(import.meta.dirname, "..", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error("the build manifest names no entry chunk");

/** A chunk with everything it imports statically, which the browser loads before running it. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`the build manifest has no chunk for ${key}`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const gzipped = new Map();
const gzipSize = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return gzipped.get(file);
};
const weigh = (files) => {
  let js = 0;
  let css = 0;
  for (const file of files) {
    if (file.endsWith(".js")) js += gzipSize(file);
    else if (file.endsWith(".css")) css += gzipSize(file);
  }
  return { js, css };
};
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const entry = closure(entryKey);
const over = [];
console.log(`First-page JavaScript (gzip level 9; budget ${kB(budgetBytes)}):`);
console.log(`  entry alone: ${kB(weigh(entry).js)} JS in ${entry.size} files`);
for (const [name, source] of Object.entries(firstPages)) {
  const files = closure(source, new Set(entry));
  const { js, css } = weigh(files);
  console.log(`  ${name} page: ${kB(js)} JS + ${kB(css)} CSS in ${files.size} files`);
  if (js > budgetBytes) over.push(`${name} page loads ${kB(js)} of gzipped JavaScript, over the ${kB(budgetBytes)} budget`);
}
// Every other page, for the record: pages with charts carry the chart library in their own chunks.
const others = Object.keys(manifest)
  .filter((key) => manifest[key].isDynamicEntry && key.startsWith("src/app/routes/") && !Object.values(firstPages).includes(key))
  .map((key) => `${key.slice("src/app/routes/".length, -".tsx".length)} ${kB(weigh(closure(key, new Set(entry))).js)}`);
console.log(`  other pages (JS on arrival): ${others.join(", ")}`);

if (over.length > 0) {
  console.error(`First-page budget exceeded:\n  ${over.join("\n  ")}\nSplit the code that page does not need into lazily loaded chunks.`);
  process.exit(1);
}

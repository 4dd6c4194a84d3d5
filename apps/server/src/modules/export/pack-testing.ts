import { writeFileSync } from "node:fs";
import { join } from "node:path";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import { buildApp } from "../../app";
import { testPassword, testSignInAttempt, type testDeps } from "../../testing/fixtures";
import type { UserSummary } from "../users/queries";
import { signIn } from "../users/sessions";

/** Downloads a proof pack through the HTTP route, signed in as `user`, into a file of the test's folder. */
export async function downloadPack(t: Awaited<ReturnType<typeof testDeps>>, user: UserSummary, query: string, name = "pack.zip") {
  const { token } = await signIn(t.deps, { email: user.email, password: testPassword }, testSignInAttempt());
  const response = await buildApp(t.deps).request(`/exports/proof-pack?${query}`, { headers: { cookie: `countersign_session=${token}` } });
  if (response.status !== 200) throw new Error(`export failed: ${response.status} ${await response.text()}`);
  const path = join(t.dir, name);
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

/** Every entry of a zip, in order, as buffers. */
export async function readPack(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return files;
}

/** Writes a new zip with the same entries after `edit` has had its way with them. */
export async function repack(path: string, edit: (files: Map<string, Buffer>) => void, name: string): Promise<string> {
  const files = await readPack(path);
  edit(files);
  const zip = new ZipFile();
  for (const [fileName, buffer] of files) zip.addBuffer(buffer, fileName);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const out = path.replace(/[^/]+$/, name);
  writeFileSync(out, Buffer.concat(chunks));
  return out;
}

export const linesOf = (buffer: Buffer) => buffer.toString("utf8").split("\n").filter((l) => l !== "");
export const fromLines = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(""), "utf8");

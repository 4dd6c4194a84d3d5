import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { ManifestFile } from "./manifest";

/** A located problem in a pack: the file, and the line when there is one. */
export class PackProblem extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "PackProblem";
  }
}

export type OpenPack = { zip: ZipFile; entries: Map<string, Entry>; archive: string };

/** Opens a zip and lists its entries by name; a duplicate or unsafe name is itself a problem. */
export async function openPack(archive: string): Promise<OpenPack> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(archive, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, autoClose: false });
  } catch (error) {
    throw new PackProblem(archive, `not a readable zip archive: ${(error as Error).message}`);
  }
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entries.has(entry.fileName)) throw new PackProblem(entry.fileName, "appears twice in the archive");
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    if (error instanceof PackProblem) throw error;
    throw new PackProblem(archive, `the archive's directory is damaged: ${(error as Error).message}`);
  }
  return { zip, entries, archive };
}

export type FileDigest = { sha256: string; bytes: number; lines: number };

/**
 * Streams one entry line by line (UTF-8, "\n"-terminated), hashing its exact bytes on the way;
 * returns the digest once the last line has been handed to `onLine`.
 */
export async function eachLine(pack: OpenPack, name: string, onLine: (text: string, line: number) => void): Promise<FileDigest> {
  const entry = pack.entries.get(name);
  if (!entry) throw new PackProblem(name, "is missing from the archive");
  let stream: Readable;
  try {
    stream = await pack.zip.openReadStreamPromise(entry);
  } catch (error) {
    throw new PackProblem(name, `cannot be read from the archive: ${(error as Error).message}`);
  }
  const hash = createHash("sha256");
  let bytes = 0;
  let lines = 0;
  let rest = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      let buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let newline = buffer.indexOf(0x0a);
      while (newline !== -1) {
        lines += 1;
        onLine(buffer.subarray(0, newline).toString("utf8"), lines);
        buffer = buffer.subarray(newline + 1);
        newline = buffer.indexOf(0x0a);
      }
      rest = Buffer.from(buffer);
    }
  } catch (error) {
    if (error instanceof PackProblem) throw error;
    throw new PackProblem(name, `cannot be read from the archive (damaged data): ${(error as Error).message}`, lines + 1);
  }
  if (rest.length > 0) {
    lines += 1;
    onLine(rest.toString("utf8"), lines);
  }
  return { sha256: hash.digest("hex"), bytes, lines };
}

/** A whole entry as text (the manifest). */
export async function readText(pack: OpenPack, name: string): Promise<{ text: string; digest: FileDigest }> {
  const parts: string[] = [];
  const digest = await eachLine(pack, name, (text) => parts.push(text));
  return { text: parts.join("\n"), digest };
}

/** Streams one file through `onLine`, then holds its bytes and lines against the manifest. */
export async function checked(pack: OpenPack, manifest: { files: ManifestFile[] }, name: string, onLine: (text: string, line: number) => void): Promise<FileDigest> {
  const listed = manifest.files.find((f) => f.name === name)!;
  const digest = await eachLine(pack, name, onLine);
  if (digest.lines !== listed.lines) throw new PackProblem(name, `has ${digest.lines} lines; the manifest lists ${listed.lines}`);
  if (digest.sha256 !== listed.sha256) throw new PackProblem(name, `its SHA-256 does not match the manifest: the file was changed after export`);
  return digest;
}

export function parse<T>(file: string, text: string, line: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new PackProblem(file, "is not valid JSON", line);
  }
}

import { appendFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { transaction, type Db } from "../db/client";
import { statement } from "../lib/prepared";
import type { Checkpoint } from "./checkpoint";
import { signingKeyFor } from "./signing-key";
import { log } from "../lib/logger";

/** One checkpoint as a witness keeps it: enough to check it later without the server. */
export type WitnessRecord = Checkpoint & { publicKey: string };

/** A file (one JSON line per checkpoint, appended) or an HTTPS endpoint (POST of the JSON). */
export type Witness = { kind: "file"; path: string } | { kind: "https"; url: string };

export function parseWitness(value: string | undefined): Witness | null {
  if (!value) return null;
  return value.startsWith("https://") ? { kind: "https", url: value } : { kind: "file", path: value };
}

const delivering = new WeakSet<Db>();

/**
 * Sends every checkpoint the witness has not acknowledged, oldest first. A failure is logged and
 * left for the next sweep; it never blocks or fails a write. Returns how many were delivered.
 */
export async function deliverToWitness(db: Db, witness: Witness, report: (message: string) => void = (message) => log.warn({ job: "witness" }, message)): Promise<number> {
  if (delivering.has(db)) return 0;
  delivering.add(db);
  let delivered = 0;
  try {
    const { publicKeyPem } = signingKeyFor(db);
    const pending = await statement(
      db,
      "SELECT seq, size, head, at, signature, key_id AS keyId FROM checkpoints WHERE witnessed_at IS NULL ORDER BY seq LIMIT 500",
    ).all<Checkpoint>();
    const markWitnessed = (at: number, seq: number) => transaction(db, async () => void (await statement(db, "UPDATE checkpoints SET witnessed_at = ? WHERE seq = ?").run(at, seq)));
    for (const checkpoint of pending) {
      const record: WitnessRecord = { ...checkpoint, publicKey: publicKeyPem };
      try {
        await send(witness, record);
      } catch (error) {
        report(`witness: checkpoint #${checkpoint.seq} not delivered (${(error as Error).message}); retrying at the next sweep`);
        break;
      }
      await markWitnessed(Date.now(), checkpoint.seq);
      delivered += 1;
    }
  } finally {
    delivering.delete(db);
  }
  return delivered;
}

async function send(witness: Witness, record: WitnessRecord) {
  const line = JSON.stringify(record);
  if (witness.kind === "file") {
    await appendFile(witness.path, `${line}\n`, { encoding: "utf8" });
    return;
  }
  const response = await fetch(witness.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: line,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`the witness answered HTTP ${response.status}`);
}

/** Reads a witness file: one checkpoint per line; names the line that is not one. */
export function readWitnessFile(path: string): WitnessRecord[] {
  const records: WitnessRecord[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, index) => {
      if (line.trim() === "") return;
      let record: WitnessRecord;
      try {
        record = JSON.parse(line) as WitnessRecord;
      } catch {
        throw new Error(`${path} line ${index + 1} is not JSON`);
      }
      if (typeof record.size !== "number" || typeof record.head !== "string" || typeof record.signature !== "string") {
        throw new Error(`${path} line ${index + 1} is not a checkpoint (size, head, at, signature, publicKey)`);
      }
      records.push(record);
    });
  return records;
}

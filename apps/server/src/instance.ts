import { useSigningKeyFile } from "./audit/signing-key";
import { openDb, type Db } from "./db/client";
import { soleProcess, type LeaderLock } from "./lib/leader";

/** Where an instance keeps its data: a SQLite file (the default), or a PostgreSQL database shared by its server processes. */
export type DatabaseSettings = { COUNTERSIGN_DB: string; COUNTERSIGN_DATABASE_URL?: string; COUNTERSIGN_SIGNING_KEY_FILE: string };

export type Instance = {
  db: Db;
  engine: "sqlite" | "postgres";
  /** The database as logs and messages name it: the file, or the URL without its password. */
  label: string;
  /** A file whose folder holds the instance's other files (the demo's API key): the database file, or the signing key's. */
  fileBeside: string;
  /** What the instance's processes compete for to run its background work (SQLite: one process, always the leader). */
  leaderLock: LeaderLock;
};

/**
 * Opens and migrates the instance's database. On PostgreSQL the checkpoint signing key is read
 * from (or first written to) COUNTERSIGN_SIGNING_KEY_FILE, which every process of the instance shares.
 */
export async function openInstance(settings: DatabaseSettings): Promise<Instance> {
  const url = settings.COUNTERSIGN_DATABASE_URL;
  if (!url) {
    return { db: openDb(settings.COUNTERSIGN_DB), engine: "sqlite", label: settings.COUNTERSIGN_DB, fileBeside: settings.COUNTERSIGN_DB, leaderLock: soleProcess };
  }
  // Loaded only here: an instance on SQLite never loads node-postgres.
  const { openPgDb } = await import("./db/pg/client");
  const { pgLeaderLock } = await import("./db/pg/leader");
  const db = (await openPgDb(url)) as unknown as Db;
  useSigningKeyFile(db, settings.COUNTERSIGN_SIGNING_KEY_FILE);
  return { db, engine: "postgres", label: withoutPassword(url), fileBeside: settings.COUNTERSIGN_SIGNING_KEY_FILE, leaderLock: pgLeaderLock(url) };
}

export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

// `pnpm bench:data --out <file>`: a database at the issue's scale to run the benches and the
// product against (`COUNTERSIGN_DB=<file> pnpm start`; or `--out postgres://…`, an empty PostgreSQL
// database, then `COUNTERSIGN_DATABASE_URL=postgres://… pnpm start`): by default 1,000,000 decided escalations
// with one verification each by 50 reviewers over 90 days, and 100,000 queued items, in bulk SQL
// (src/testing/bulk.ts), then the dashboard's daily tallies from them. The bulk rows have no audit entries, so the audit chain holds only the
// setup (systems, users, qualifications) and `verify` says nothing of the history.
import { inOrder } from "../src/lib/in-order";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { isPostgresUrl } from "../src/db/pg/client";
import { openInstance, withoutPassword } from "../src/instance";
import { statement } from "../src/lib/prepared";
import { operator, type Deps } from "../src/lib/context";
import { backfillTallies } from "../src/modules/tallies/backfill";
import { createSystem } from "../src/modules/systems/create-system";
import { createUser } from "../src/modules/users/create-user";
import { analyzeLikeProduction, insertDecided, insertQueued } from "../src/testing/bulk";
import { bulkLoad } from "./lib/database";
import { qualify } from "./lib/qualify";

const count = (value: string) => {
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("must be a whole number, 0 or more");
  return n;
};
const options = new Command("bench:data")
  .requiredOption("--out <file>", "the SQLite file to create (must not exist), or postgres://… an empty PostgreSQL database")
  .option("--escalations <n>", "decided escalations, one verification each", count, 1_000_000)
  .option("--queued <n>", "queued escalations", count, 100_000)
  .option("--reviewers <n>", "reviewers sharing the verifications", count, 50)
  .option("--days <n>", "days the history spreads over, up to now", count, 90)
  .option("--password <text>", "every generated user's password", "countersign-bench")
  .parse()
  .opts<{ out: string; escalations: number; queued: number; reviewers: number; days: number; password: string }>();
// pnpm runs the script in apps/server: a relative path means the directory the command was typed in.
const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const postgres = isPostgresUrl(options.out);
const out = postgres ? options.out : here(options.out);
if (!postgres && existsSync(out)) {
  console.error(`${out} exists already: bench:data only creates a new database.`);
  process.exit(1);
}

const started = performance.now();
// On PostgreSQL the checkpoint signing key is a file the server is then given too (COUNTERSIGN_SIGNING_KEY_FILE).
const keyFile = here(process.env.COUNTERSIGN_SIGNING_KEY_FILE ?? "countersign-signing-key.pem");
const { db } = await openInstance({ COUNTERSIGN_DB: out, COUNTERSIGN_DATABASE_URL: postgres ? out : undefined, COUNTERSIGN_SIGNING_KEY_FILE: keyFile });
if (postgres && ((await statement(db, "SELECT count(*) FROM users").value<number>()) ?? 0) > 0) {
  console.error(`${withoutPassword(out)} holds users already: bench:data only fills an empty database.`);
  await db.$client.close();
  process.exit(1);
}
const now = Date.now();
const deps: Deps = { db, now: () => now };
const policy = { checklist: [{ id: "ok", text: "Looks right" }], minRationaleChars: 10, minDwellSeconds: 0, leaseMinutes: 15 };
const systems = [
  await createSystem(deps, operator, { slug: "refund-triage", name: "Refund triage", oversightMode: "HOTL", policy }),
  await createSystem(deps, operator, { slug: "kyc-check", name: "KYC check", oversightMode: "HOTL", policy }),
];
const person = (email: string, name: string, roles: ("admin" | "lead" | "reviewer")[]) =>
  createUser(deps, operator, { email, name, roles }, options.password);
await person("admin@bench.local", "Bench Admin", ["admin"]);
await person("lead@bench.local", "Bench Lead", ["lead"]);
const reviewers = await inOrder(Array.from({ length: options.reviewers }, (_, r) => r), (r) => person(`reviewer${r}@bench.local`, `Reviewer ${r}`, ["reviewer"]));
for (const reviewer of reviewers) await qualify(deps, reviewer.id, systems.map((system) => system.id), now);
// Four in five for the first system, so that a system filter has a large and a small case.
const split = (n: number) => [Math.round(n * 0.8), n - Math.round(n * 0.8)] as const;
await bulkLoad(db, ["escalations", "verifications"], async () => {
  const decided = split(options.escalations);
  const queued = split(options.queued);
  for (const [i, system] of systems.entries()) {
    const reviewerIds = reviewers.map((r) => r.id);
    if (decided[i]! > 0) await insertDecided(db, { systemId: system.id, count: decided[i]!, reviewerIds, days: options.days, now, prefix: `hist${i}` });
    if (queued[i]! > 0) await insertQueued(db, system.id, queued[i]!, { prefix: `queued${i}`, now });
  }
});
// The bulk rows bypass the decide transaction that keeps the dashboard's daily tallies: count them in one pass.
await backfillTallies(db);
await analyzeLikeProduction(db);
if (!postgres) db.$client.pragma("wal_checkpoint(TRUNCATE)");
await db.$client.close();
console.log(
  `${postgres ? `${withoutPassword(out)} (signing key ${keyFile})` : out}: ${options.escalations} decided escalations and verifications by ${options.reviewers} reviewers over ${options.days} days, ` +
    `${options.queued} queued, in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
    `Sign in as admin@bench.local, lead@bench.local or reviewer0@bench.local with "${options.password}".`,
);

import { buildApp } from "./app";
import { openDb } from "./db/client";
import { seedDemoIfEmpty } from "./db/seed-demo";
import { readEnv } from "./env";
import type { Deps } from "./lib/context";
import { configureCheckpoints, startCheckpointTimer } from "./modules/audit/checkpoint";
import { signingKeyFor } from "./modules/audit/signing-key";
import { deliverToWitness, parseWitness } from "./modules/audit/witness";
import { sweepDrift } from "./modules/metrics/drift";
import { expireOverdue } from "./modules/escalations/overdue";
import { sweepExpiredLeases } from "./modules/queue/leases";
import { startRetentionSchedule } from "./modules/retention/schedule";
import { startServer } from "./server";

const env = readEnv();
const demo = process.argv.includes("--demo");
const db = openDb(env.COUNTERSIGN_DB);
const deps: Deps = { db, now: Date.now };

// The checkpoint signing key is created on first start, beside the database.
const signingKey = signingKeyFor(db);
const witness = parseWitness(env.COUNTERSIGN_WITNESS);
const sendToWitness = () => {
  if (witness) void deliverToWitness(db, witness).catch((error) => console.error("witness: delivery failed:", error));
};
configureCheckpoints(db, {
  everyEntries: env.COUNTERSIGN_CHECKPOINT_ENTRIES,
  everyMinutes: env.COUNTERSIGN_CHECKPOINT_MINUTES,
  onCheckpoint: sendToWitness,
  witness: witness?.kind ?? null,
});
// Every N entries a write signs a checkpoint itself; this timer signs whatever waited M minutes.
const stopCheckpoints = startCheckpointTimer(db, deps.now, (error) =>
  console.error("checkpoint: signing failed; retrying at the next tick:", error),
);
const witnessRetry = setInterval(sendToWitness, 30_000);
sendToWitness();
const demoInfo = demo ? seedDemoIfEmpty(deps, env.COUNTERSIGN_DB) : null;

const publicOrigin = env.COUNTERSIGN_PUBLIC_URL;
const app = buildApp(deps, { demo, secureCookies: publicOrigin?.startsWith("https://") ?? false }, {
  publicOrigin,
  clientAddressHeader: env.COUNTERSIGN_CLIENT_ADDRESS_HEADER,
});
const sweep = setInterval(() => sweepExpiredLeases(deps), 15_000);
// Escalations whose dueAt passed undecided expire within seconds, and the AI system is told.
const overdueSweep = setInterval(() => {
  try {
    expireOverdue(deps);
  } catch (error) {
    console.error("overdue: could not expire escalations past their dueAt; retrying at the next tick:", error);
  }
}, 5_000);
// Drift is checked after every volume report, and every minute so it is seen even when volume stops.
const driftSweep = setInterval(() => sweepDrift(deps), 60_000);
// Content past its retention period is purged once a day (and once now), not only when an operator remembers.
const stopRetention = startRetentionSchedule(deps, (error) => console.error("retention: purge failed; retrying at the next run:", error));

const server = startServer({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (address) => {
  const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${address.port}`;
  console.log(`Countersign is running at ${url}  (database: ${env.COUNTERSIGN_DB})`);
  console.log(`Audit checkpoints are signed with key ${signingKey.keyId.slice(0, 16)}…${witness ? `, witnessed at ${env.COUNTERSIGN_WITNESS}` : ""}`);
  const noUsers = db.$client.prepare("SELECT count(*) FROM users").pluck().get() === 0;
  if (noUsers) {
    console.log(`\nNo one can sign in yet. Create the first admin (it prints a one-time password):`);
    const dbOption = env.COUNTERSIGN_DB === "./data/countersign.db" ? "" : ` --db ${env.COUNTERSIGN_DB}`;
    console.log(`  pnpm countersign${dbOption} user add --email you@example.com --name "Your Name" --roles admin`);
  }
  if (demoInfo) {
    console.log(`\nDemo instance. Sign in at ${url} with any of these (password: ${demoInfo.password}):`);
    for (const user of demoInfo.users) console.log(`  ${user.email.padEnd(24)} ${user.roles.join(", ")}`);
    console.log(`\nDemo API key for AI system "${demoInfo.apiKeySystem}":\n  ${demoInfo.apiKey}`);
    console.log(`\nTry it:\n  curl -H "Authorization: Bearer ${demoInfo.apiKey}" ${url}/api/v1/escalations?externalId=${demoInfo.sampleExternalId}`);
  }
});

function shutdown() {
  clearInterval(sweep);
  clearInterval(overdueSweep);
  clearInterval(driftSweep);
  clearInterval(witnessRetry);
  stopCheckpoints();
  stopRetention();
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

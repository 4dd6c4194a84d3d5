import { buildApp } from "./app";
import { openDb } from "./db/client";
import { seedDemoIfEmpty } from "./db/seed-demo";
import { readEnv } from "./env";
import type { Deps } from "./lib/context";
import { configureCheckpoints, startCheckpointTimer } from "./modules/audit/checkpoint";
import { signingKeyFor } from "./modules/audit/signing-key";
import { deliverToWitness, parseWitness } from "./modules/audit/witness";
import { sweepDrift } from "./modules/metrics/drift";
import { configureNotifications, type NotificationSettings } from "./modules/notifications/settings";
import { transportsFor } from "./modules/notifications/transports";
import { startNotificationWorker } from "./modules/notifications/worker";
import { sweepExpiredLeases } from "./modules/queue/leases";
import { startRetentionSchedule } from "./modules/retention/schedule";
import { startWebhookWorker } from "./modules/webhooks/worker";
import { signInMethodsOf } from "./modules/sso/settings";
import { startServer } from "./server";

const env = readEnv();
const demo = process.argv.includes("--demo");
const db = openDb(env.COUNTERSIGN_DB);
const deps: Deps = { db, now: Date.now, allowPrivateWebhookUrls: env.COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE };

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
const signInMethods = signInMethodsOf(env);
const app = buildApp(deps, { demo, secureCookies: publicOrigin?.startsWith("https://") ?? false, signInMethods }, {
  publicOrigin,
  clientAddressHeader: env.COUNTERSIGN_CLIENT_ADDRESS_HEADER,
});
const sweep = setInterval(() => sweepExpiredLeases(deps), 15_000);
// Drift is checked after every volume report, and every minute so it is seen even when volume stops.
const driftSweep = setInterval(() => sweepDrift(deps), 60_000);
// Content past its retention period is purged once a day (and once now), not only when an operator remembers.
// Webhooks are sent from the outbox by this process; every delivery's state is in the database, so a restart resumes them.
const stopWebhooks = startWebhookWorker(deps, (error) => console.error("webhooks: a delivery round failed; retrying at the next:", error));
const stopRetention = startRetentionSchedule(deps, (error) => console.error("retention: purge failed; retrying at the next run:", error));

// Notifications: outbox events and the scans' findings become emails and chat messages, retried until sent.
const notifications: NotificationSettings = {
  publicUrl: env.COUNTERSIGN_PUBLIC_URL,
  smtpUrl: env.COUNTERSIGN_SMTP_URL,
  mailFrom: env.COUNTERSIGN_MAIL_FROM,
  urgentAfterMinutes: env.COUNTERSIGN_NOTIFY_URGENT_MINUTES,
  dueWithinMinutes: env.COUNTERSIGN_NOTIFY_DUE_MINUTES,
  qualificationWithinDays: env.COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS,
  allowHttpChat: env.COUNTERSIGN_NOTIFY_ALLOW_HTTP,
};
configureNotifications(db, notifications);
const stopNotifications = startNotificationWorker(deps, notifications, transportsFor(notifications), (error) =>
  console.error("notifications: a pass failed; retrying at the next one:", error),
);

const server = startServer({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (address) => {
  const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${address.port}`;
  console.log(`Countersign is running at ${url}  (database: ${env.COUNTERSIGN_DB})`);
  console.log(`Audit checkpoints are signed with key ${signingKey.keyId.slice(0, 16)}…${witness ? `, witnessed at ${env.COUNTERSIGN_WITNESS}` : ""}`);
  if (signInMethods.oidc) {
    console.log(`Single sign-on through ${signInMethods.oidc.issuer.href} (redirect URI ${signInMethods.oidc.redirectUri})${signInMethods.password ? "" : "; password sign-in is off"}`);
  }
  const noUsers = db.$client.prepare("SELECT count(*) FROM users").pluck().get() === 0;
  if (noUsers) {
    console.log(
      signInMethods.oidc
        ? `\nNo user exists yet. People can sign in through single sign-on, with the roles their groups map to; an admin with a password (it prints a one-time password):`
        : `\nNo one can sign in yet. Create the first admin (it prints a one-time password):`,
    );
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
  clearInterval(driftSweep);
  clearInterval(witnessRetry);
  stopCheckpoints();
  stopRetention();
  stopWebhooks();
  stopNotifications();
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

import { buildApp } from "./app";
import { openInstance } from "./instance";
import { statement } from "./lib/prepared";
import { seedDemoIfEmpty } from "./demo/seed";
import { readEnv } from "./env";
import type { Deps } from "./lib/context";
import { log } from "./lib/logger";
import { limiterStoreFor } from "./lib/rate-limits";
import { configureCheckpoints, startCheckpointTimer } from "./audit/checkpoint";
import { signingKeyFor } from "./audit/signing-key";
import { deliverToWitness, parseWitness } from "./audit/witness";
import { sweepDrift } from "./modules/metrics/drift";
import { expireOverdue } from "./modules/escalations/overdue";
import { configureNotifications, type NotificationSettings } from "./modules/notifications/settings";
import { transportsFor } from "./modules/notifications/transports";
import { startNotificationWorker } from "./modules/notifications/worker";
import { printDemoWelcome } from "./modules/operations/demo-welcome";
import { shutDownGracefully } from "./modules/operations/shutdown";
import { sweepExpiredLeases } from "./modules/queue/leases";
import { startRetentionSchedule } from "./modules/retention/schedule";
import { signInMethodsOf } from "./modules/sso/settings";
import { startWebhookWorker } from "./modules/webhooks/worker";
import { startServer } from "./server";
import { lead, type Leadership } from "./lib/leader";

const env = readEnv();
// The server logs at info unless told otherwise, also when a test runner started it.
log.level = env.COUNTERSIGN_LOG_LEVEL ?? "info";
const demo = process.argv.includes("--demo");
const instance = await openInstance(env);
const db = instance.db;
const deps: Deps = { db, now: Date.now, allowPrivateWebhookUrls: env.COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE };

// The checkpoint signing key is created on first start, beside the SQLite database (PostgreSQL: COUNTERSIGN_SIGNING_KEY_FILE).
const signingKey = signingKeyFor(db);
const witness = parseWitness(env.COUNTERSIGN_WITNESS);
const witnessLog = log.child({ job: "witness" });
// Set below, once the process competes for the lead of the instance's background work.
let leadership: Leadership | undefined = undefined;
// Only the leader delivers (a checkpoint signed by another process waits for the leader's next retry).
const sendToWitness = () => {
  if (witness && leadership?.isLeader()) void deliverToWitness(db, witness, (message) => witnessLog.warn(message)).catch((err) => witnessLog.error({ err }, "delivery failed"));
};
configureCheckpoints(db, {
  everyEntries: env.COUNTERSIGN_CHECKPOINT_ENTRIES,
  everyMinutes: env.COUNTERSIGN_CHECKPOINT_MINUTES,
  onCheckpoint: sendToWitness,
  witness: witness?.kind ?? null,
});
const demoInfo = demo ? await seedDemoIfEmpty(deps, instance.fileBeside) : null;

let shuttingDown = false;
const publicOrigin = env.COUNTERSIGN_PUBLIC_URL;
const signInMethods = signInMethodsOf(env);
const app = buildApp(
  deps,
  { demo, secureCookies: publicOrigin?.startsWith("https://") ?? false, signInMethods },
  // On PostgreSQL the sign-in and API-key counters live in the database, shared by every process of the instance.
  { publicOrigin, clientAddressHeader: env.COUNTERSIGN_CLIENT_ADDRESS_HEADER, limiterStore: limiterStoreFor(db) },
  { log, metricsToken: env.COUNTERSIGN_METRICS_TOKEN, shuttingDown: () => shuttingDown },
);
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

/**
 * The background work, run by one process of the instance at a time (lib/leader.ts): on SQLite
 * this process; on PostgreSQL whichever process holds the lead, and another within seconds of its end.
 */
function startBackgroundWork(): () => void {
  // Every N entries a write signs a checkpoint itself; this timer signs whatever waited M minutes.
  const stopCheckpoints = startCheckpointTimer(db, deps.now, (err) => log.error({ err, job: "checkpoint" }, "signing failed; retrying at the next tick"));
  const witnessRetry = setInterval(sendToWitness, 30_000);
  queueMicrotask(sendToWitness);
  const sweep = setInterval(() => {
    sweepExpiredLeases(deps).catch((err) => log.error({ err, job: "leases" }, "could not expire leases; retrying at the next tick"));
  }, 15_000);
  // Escalations whose dueAt passed undecided expire within seconds, and the AI system is told.
  const overdueSweep = setInterval(() => {
    expireOverdue(deps).catch((err) => log.error({ err, job: "overdue" }, "could not expire escalations past their dueAt; retrying at the next tick"));
  }, 5_000);
  // Drift is checked after every volume report, and every minute so it is seen even when volume stops.
  const driftSweep = setInterval(() => {
    sweepDrift(deps).catch((err) => log.error({ err, job: "drift" }, "could not evaluate drift; retrying at the next tick"));
  }, 60_000);
  // Content past its retention period is purged once a day (and once now), not only when an operator remembers.
  const stopRetention = startRetentionSchedule(deps, (err) => log.error({ err, job: "retention" }, "purge failed; retrying at the next run"));
  // Webhooks are sent from the outbox by this process; every delivery's state is in the database, so a restart resumes them.
  const stopWebhooks = startWebhookWorker(deps, (err) => log.error({ err, job: "webhooks" }, "a delivery round failed; retrying at the next"));
  const stopNotifications = startNotificationWorker(deps, notifications, transportsFor(notifications, env.COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE), (err) =>
    log.error({ err, job: "notifications" }, "a pass failed; retrying at the next one"),
  );
  return () => {
    clearInterval(sweep);
    clearInterval(overdueSweep);
    clearInterval(driftSweep);
    clearInterval(witnessRetry);
    stopCheckpoints();
    stopRetention();
    stopWebhooks();
    stopNotifications();
  };
}
leadership = lead(instance.leaderLock, startBackgroundWork, { everyMs: 3_000, log: log.child({ job: "leader" }) });

const server = startServer({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (address) => {
  const url = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${address.port}`;
  log.info(
    { url, database: instance.label, engine: instance.engine, signingKeyId: signingKey.keyId, witness: witness?.kind ?? null, metricsToken: env.COUNTERSIGN_METRICS_TOKEN !== undefined },
    `Countersign is running at ${url}`,
  );
  if (env.COUNTERSIGN_METRICS_TOKEN === undefined && env.HOST !== "127.0.0.1" && env.HOST !== "localhost") {
    log.warn({ host: env.HOST }, "/metrics is open to anyone who reaches this port: set COUNTERSIGN_METRICS_TOKEN or bind to 127.0.0.1");
  }
  if (signInMethods.oidc) {
    log.info(
      { issuer: signInMethods.oidc.issuer.href, redirectUri: signInMethods.oidc.redirectUri, passwordSignIn: signInMethods.password },
      `single sign-on through ${signInMethods.oidc.issuer.href}${signInMethods.password ? "" : "; password sign-in is off"}`,
    );
  }
  announce(url).catch((err) => log.error({ err }, "could not read whether any user exists"));
});

/** What someone starting the server must do next: create the first admin, or try the demo. */
async function announce(url: string) {
  const noUsers = (await statement(db, "SELECT count(*) FROM users").value()) === 0;
  if (noUsers) {
    const dbOption = instance.engine === "postgres" || env.COUNTERSIGN_DB === "./data/countersign.db" ? "" : ` --db ${env.COUNTERSIGN_DB}`;
    log.warn(
      { command: `pnpm countersign${dbOption} user add --email you@example.com --name "Your Name" --roles admin` },
      signInMethods.oidc
        ? "no user exists yet: people can sign in through single sign-on with the roles their groups map to; create an admin with a password with the command given"
        : "no one can sign in yet: create the first admin with the command given (it prints a one-time password)",
    );
  }
  if (demoInfo) printDemoWelcome(url, demoInfo);
}

function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) return;
  shuttingDown = true;
  // Handing the lead over first lets another process resume the background work while this one drains.
  void leadership?.stop().catch((err) => log.error({ err }, "could not give up the lead of background work"));
  void shutDownGracefully({ server, db, log, signal, deadlineSeconds: env.COUNTERSIGN_SHUTDOWN_SECONDS }).then((code) => process.exit(code));
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

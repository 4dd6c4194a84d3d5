import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { write } from "../lib/tx";
import { dirname, join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { escalationInputSchema } from "@countersign/shared/escalation";
import { operator, type Deps } from "../lib/context";
import { issueApiKey, systemForApiKey } from "../modules/systems/api-keys";
import { kycEscalations1 } from "./escalations/kyc-document-check-1";
import { kycEscalations2 } from "./escalations/kyc-document-check-2";
import { markupPayloadEscalation } from "./escalations/markup-payload";
import { refundTriageEscalations1 } from "./escalations/refund-triage-1";
import { refundTriageEscalations2 } from "./escalations/refund-triage-2";
import type { DemoEscalation } from "./escalations/types";
import { adminEmail, demoUsers } from "./history/cast";
import { seedDemoHistory, type OpenEscalation } from "./history/index";
import { demoPassword } from "./history/milestones";
import type { SystemKey } from "./history/scenario";
import { aiSystems } from "../db/schema/systems";
import { users } from "../db/schema/users";

export type DemoInfo = {
  password: string;
  users: { email: string; roles: string[] }[];
  apiKeySystem: string;
  apiKey: string;
  sampleExternalId: string;
};

const apiKeySystem = "refund-triage";
const sampleExternalId = "rt-40123";
const apiKeyFileName = "demo-api-key.txt";

const demoOpenEscalations: { system: SystemKey; escalations: DemoEscalation[] }[] = [
  { system: "refund", escalations: [...refundTriageEscalations1, ...refundTriageEscalations2, markupPayloadEscalation] },
  { system: "kyc", escalations: [...kycEscalations1, ...kycEscalations2] },
];

/**
 * Fills an empty database with a demo instance: users, two AI systems with review policies and
 * business cases, an API key, three weeks of history (volume, decisions, gold items, two-person
 * checks, a stop test, a drift alert: see history/) and about forty open escalations
 * received over the last three days. Everything goes through the real use cases, so the audit
 * log records the demo like any other history.
 * On a database that already has users it seeds nothing and returns the existing demo's
 * details (or null when the database is not a demo instance).
 */
export async function seedDemoIfEmpty(deps: Deps, dbPath: string): Promise<DemoInfo | null> {
  const seeded = await deps.db.select({ id: users.id }).from(users).limit(1).get() !== undefined;
  if (!seeded) {
    const apiKey = await seedDemo(deps);
    saveApiKey(dbPath, apiKey);
    return demoInfo(apiKey);
  }
  const system = await deps.db.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.slug, apiKeySystem)).get();
  const demoAdmin = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, adminEmail)).get();
  if (!system || !demoAdmin) return null;
  let apiKey = loadApiKey(dbPath);
  // The plain key is only ever in the file; if it is gone or was revoked, issue a fresh one.
  if (!apiKey || (await systemForApiKey(deps, apiKey))?.id !== system.id) {
    apiKey = (await issueApiKey(deps, operator, system.id, "demo")).key;
    saveApiKey(dbPath, apiKey);
  }
  return demoInfo(apiKey);
}

/**
 * Seeds everything in one transaction (each use case's own becomes a savepoint), so the demo is
 * there whole or not at all, and the history's thousands of writes cost one commit. Returns the
 * plain API key for the refund-triage system.
 */
function seedDemo(deps: Deps): Promise<string> {
  const seededAt = deps.now();
  const open: OpenEscalation[] = demoOpenEscalations.flatMap(({ system, escalations }) =>
    escalations.map(({ receivedMinutesAgo, dueInHours, ...body }) => {
      const dueAt = dueInHours === undefined ? undefined : new Date(seededAt + dueInHours * 3_600_000).toISOString();
      // Parsed like a REST request, so demo content can never be something a real client could not send.
      return { system, at: seededAt - receivedMinutesAgo * 60_000, body: escalationInputSchema.parse({ ...body, ...(dueAt ? { dueAt } : {}) }) };
    }),
  );
  return write(deps.db, async () => (await seedDemoHistory(deps, open)).apiKey);
}

function demoInfo(apiKey: string): DemoInfo {
  return {
    password: demoPassword,
    users: demoUsers.map(({ email, roles }) => ({ email, roles })),
    apiKeySystem,
    apiKey,
    sampleExternalId,
  };
}

/** The key file sits next to the database; an in-memory database has nowhere to keep it. */
function apiKeyFile(dbPath: string): string | null {
  if (dbPath === ":memory:" || dbPath === "") return null;
  return join(dirname(resolve(dbPath)), apiKeyFileName);
}

function saveApiKey(dbPath: string, apiKey: string) {
  const file = apiKeyFile(dbPath);
  if (file) writeFileSync(file, `${apiKey}\n`, { mode: 0o600 });
}

function loadApiKey(dbPath: string): string | null {
  const file = apiKeyFile(dbPath);
  if (!file || !existsSync(file)) return null;
  return readFileSync(file, "utf8").trim() || null;
}

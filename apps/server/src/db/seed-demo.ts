import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import type { CreateSystemInput } from "@countersign/shared/admin";
import type { Role } from "@countersign/shared/enums";
import { escalationInputSchema } from "@countersign/shared/escalation";
import { operator, type Deps } from "../lib/context";
import { receiveEscalation } from "../modules/escalations/receive";
import { grantQualification } from "../modules/qualifications/grant";
import { issueApiKey, systemForApiKey } from "../modules/systems/api-keys";
import { createSystem } from "../modules/systems/create-system";
import { createUser } from "../modules/users/create-user";
import { kycEscalations1 } from "./demo-escalations/kyc-document-check-1";
import { kycEscalations2 } from "./demo-escalations/kyc-document-check-2";
import { markupPayloadEscalation } from "./demo-escalations/markup-payload";
import { refundTriageEscalations1 } from "./demo-escalations/refund-triage-1";
import { refundTriageEscalations2 } from "./demo-escalations/refund-triage-2";
import type { DemoEscalation } from "./demo-escalations/types";
import { aiSystems } from "./schema/systems";
import { users } from "./schema/users";

export type DemoInfo = {
  password: string;
  users: { email: string; roles: string[] }[];
  apiKeySystem: string;
  apiKey: string;
  sampleExternalId: string;
};

const demoPassword = "demo-password";
const apiKeySystem = "refund-triage";
const sampleExternalId = "rt-40123";
const apiKeyFileName = "demo-api-key.txt";
const demoAdminEmail = "admin@demo.local";

const demoUsers: { email: string; name: string; roles: Role[] }[] = [
  { email: demoAdminEmail, name: "Amira Haddad", roles: ["admin"] },
  { email: "lead@demo.local", name: "Lena Fischer", roles: ["lead"] },
  { email: "reviewer@demo.local", name: "Tomás Rivera", roles: ["reviewer"] },
  { email: "reviewer2@demo.local", name: "Priya Natarajan", roles: ["reviewer"] },
  { email: "auditor@demo.local", name: "Margit Halvorsen", roles: ["auditor"] },
];

const demoSystems: { system: CreateSystemInput; escalations: DemoEscalation[] }[] = [
  {
    system: {
      slug: apiKeySystem,
      name: "Refund triage",
      oversightMode: "HOTL",
      description:
        "Decides customer refund, replacement and goodwill requests from the support inbox. " +
        "Humans see the exceptions: low confidence, high value, abuse signals and policy edge cases.",
      policy: {
        checklist: [
          { id: "order-verified", text: "The order, amount and payment method match the customer's claim" },
          { id: "refund-policy", text: "The outcome follows the refund policy (window, condition, exclusions)" },
          { id: "abuse-signals", text: "Refund history and fraud signals were checked" },
          { id: "customer-message", text: "I read the customer's own message, not only the AI summary" },
        ],
        minRationaleChars: 40,
        minDwellSeconds: 20,
        leaseMinutes: 15,
      },
    },
    escalations: [...refundTriageEscalations1, ...refundTriageEscalations2, markupPayloadEscalation],
  },
  {
    system: {
      slug: "kyc-document-check",
      name: "KYC document check",
      oversightMode: "HITL",
      description:
        "Checks identity documents, selfies and screening results when customers open an account. " +
        "High risk: every onboarding decision is verified by a person before it takes effect.",
      policy: {
        checklist: [
          { id: "document-authentic", text: "Security features, template and MRZ of the document were checked" },
          { id: "identity-match", text: "Name, date of birth and face match the applicant" },
          { id: "document-valid", text: "The document is in date and an accepted type for the country" },
          { id: "screening-resolved", text: "Every sanctions and PEP screening hit is resolved and documented" },
          { id: "outcome-communicable", text: "The outcome can be explained to the applicant without tipping off fraud" },
        ],
        minRationaleChars: 40,
        minDwellSeconds: 30,
        leaseMinutes: 15,
      },
    },
    escalations: [...kycEscalations1, ...kycEscalations2],
  },
];

/**
 * Fills an empty database with a demo instance: users, two AI systems with review policies,
 * an API key and about forty escalations received over the last three days. Everything goes
 * through the real use cases, so the audit log records the demo like any other history.
 * On a database that already has users it seeds nothing and returns the existing demo's
 * details (or null when the database is not a demo instance).
 */
export function seedDemoIfEmpty(deps: Deps, dbPath: string): DemoInfo | null {
  const seeded = deps.db.select({ id: users.id }).from(users).limit(1).get() !== undefined;
  if (!seeded) {
    const apiKey = seedDemo(deps);
    saveApiKey(dbPath, apiKey);
    return demoInfo(apiKey);
  }
  const system = deps.db.select({ id: aiSystems.id }).from(aiSystems).where(eq(aiSystems.slug, apiKeySystem)).get();
  const demoAdmin = deps.db.select({ id: users.id }).from(users).where(eq(users.email, demoAdminEmail)).get();
  if (!system || !demoAdmin) return null;
  let apiKey = loadApiKey(dbPath);
  // The plain key is only ever in the file; if it is gone or was revoked, issue a fresh one.
  if (!apiKey || systemForApiKey(deps, apiKey)?.id !== system.id) {
    apiKey = issueApiKey(deps, operator, system.id, "demo").key;
    saveApiKey(dbPath, apiKey);
  }
  return demoInfo(apiKey);
}

/** Seeds everything and returns the plain API key for the refund-triage system. */
function seedDemo(deps: Deps): string {
  const seededAt = deps.now();
  const minutesAgo = (minutes: number): Deps => ({ db: deps.db, now: () => seededAt - minutes * 60_000 });
  // Set-up happens four days back, one minute per step, before the first escalation arrives.
  let setupMinutesAgo = 4 * 24 * 60;
  const setup = () => minutesAgo(setupMinutesAgo--);

  const userIds = new Map<string, string>();
  for (const user of demoUsers) userIds.set(user.email, createUser(setup(), operator, user, demoPassword).id);
  const systemIds = new Map<string, string>();
  for (const { system } of demoSystems) systemIds.set(system.slug, createSystem(setup(), operator, system).id);
  // Only qualified reviewers can claim (EU AI Act Art. 26(2)): both demo reviewers, both systems, for a year.
  for (const user of demoUsers.filter((u) => u.roles.includes("reviewer"))) {
    for (const [slug, systemId] of systemIds) {
      const at = setup();
      grantQualification(at, operator, {
        userId: userIds.get(user.email)!,
        systemId,
        training: `${slug} reviewer training: the system's limits, its review policy and automation bias`,
        obtainedAt: new Date(at.now()).toISOString(),
        expiresAt: new Date(at.now() + 365 * 86_400_000).toISOString(),
        authority: ["review", "override", "stop"],
      });
    }
  }
  const apiKey = issueApiKey(setup(), operator, systemIds.get(apiKeySystem)!, "demo").key;

  // Oldest first, so the audit log's timestamps only move forward.
  const arrivals = demoSystems
    .flatMap(({ system, escalations }) => escalations.map((escalation) => ({ systemId: systemIds.get(system.slug)!, escalation })))
    .sort((a, b) => b.escalation.receivedMinutesAgo - a.escalation.receivedMinutesAgo);
  for (const { systemId, escalation } of arrivals) {
    const { receivedMinutesAgo, dueInHours, ...body } = escalation;
    const dueAt = dueInHours === undefined ? undefined : new Date(seededAt + dueInHours * 3_600_000).toISOString();
    // Parsed like a REST request, so demo content can never be something a real client could not send.
    const input = escalationInputSchema.parse({ ...body, ...(dueAt ? { dueAt } : {}) });
    receiveEscalation(minutesAgo(receivedMinutesAgo), systemId, input);
  }
  return apiKey;
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

import { request, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";

export const demoPassword = "demo-password";

/** A signed-in tRPC client for seeding a test's own data through the same API the workbench uses. */
export async function signedInApi(email: string): Promise<APIRequestContext> {
  return signInApi(email, demoPassword);
}

/** Signs in with any account's password (e.g. a reviewer the test created); the context carries the session cookie. */
export async function signInApi(email: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  const res = await api.post("/trpc/auth.signIn", { data: { email, password } });
  if (!res.ok()) throw new Error(`sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
  return api;
}

export async function trpcMutation<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await api.post(`/trpc/${path}`, { data: input });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path} failed: ${JSON.stringify(body)}`);
  return body.result.data as T;
}

export async function trpcQuery<T>(api: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await api.get(`/trpc/${path}${query}`);
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path} failed: ${JSON.stringify(body)}`);
  return body.result.data as T;
}

/**
 * Creates an AI system of the test's own (short dwell so tests stay quick) and an API key for it.
 * `policy` overrides any review-policy rule, e.g. `{ judgementFirst: true }`.
 */
export async function createTestSystem(slugPrefix: string, minDwellSeconds = 4, policy: Record<string, unknown> = {}) {
  const admin = await signedInApi("admin@demo.local");
  const slug = `${slugPrefix}-${Date.now().toString(36)}`;
  const system = await trpcMutation<{ id: string }>(admin, "systems.create", {
    slug,
    name: `E2E ${slugPrefix}`,
    description: "created by an end-to-end test",
    oversightMode: "HOTL",
    policy: {
      checklist: [
        { id: "answers-request", text: "The output answers the customer's request" },
        { id: "within-policy", text: "The refund is within policy" },
      ],
      minRationaleChars: 40,
      minDwellSeconds,
      leaseMinutes: 15,
      ...policy,
    },
  });
  const { key } = await trpcMutation<{ key: string }>(admin, "systems.issueKey", { systemId: system.id, label: "e2e" });
  await admin.dispose();
  const machine = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  return { slug, key, machine, id: system.id };
}

export function escalation(overrides: Record<string, unknown> = {}) {
  return {
    externalId: `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
    input: "Customer 88121 asks for a refund of order 5531: the blender stopped working after two days.",
    aiOutput: { decision: "refund", amount: 89.0, currency: "EUR", reason: "defective on arrival" },
    confidence: 0.58,
    model: "refund-llm-2026-10",
    escalationReason: { code: "low_confidence", explanation: "Confidence 0.58 is below the 0.80 auto-approve threshold." },
    contextSummary: "First refund for this customer; purchase 3 days ago; amount under the 100 EUR limit.",
    evidence: [{ title: "Order 5531", content: "Blender BX-200, paid 89.00 EUR on 2026-11-19." }],
    priority: "urgent",
    ...overrides,
  };
}

/** A reviewer of the test's own, so no other test's leases get in the way. */
export async function createReviewer(name: string) {
  const admin = await signedInApi("admin@demo.local");
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now().toString(36)}@e2e.local`;
  const user = await trpcMutation<{ id: string; password: string }>(admin, "users.create", { email, name, roles: ["reviewer"] });
  await admin.dispose();
  return { email, password: user.password, name, id: user.id };
}

/**
 * Records a reviewer's training and authority for one AI system, in force from a minute ago for a
 * day: without a qualification a reviewer cannot claim the system's escalations (EU AI Act Art. 26(2)).
 */
export async function qualifyReviewer(userId: string, systemId: string, authority: string[] = ["review", "override"]) {
  const admin = await signedInApi("admin@demo.local");
  const now = Date.now();
  await trpcMutation(admin, "qualifications.grant", {
    userId,
    systemId,
    training: "End-to-end test: the system's review policy and automation bias",
    obtainedAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 86_400_000).toISOString(),
    authority,
  });
  await admin.dispose();
}

/** A user's id by e-mail (e.g. a demo account), through the admin's user list. */
export async function userIdByEmail(email: string): Promise<string> {
  const admin = await signedInApi("admin@demo.local");
  const users = await trpcQuery<{ id: string; email: string }[]>(admin, "users.list");
  await admin.dispose();
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

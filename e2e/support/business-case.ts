import type { APIRequestContext } from "@playwright/test";
import { signedInApi, trpcMutation } from "./api";

const hour = 3_600_000;
const day = 24 * hour;

async function trpcQuery<T>(api: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await api.get(`/trpc/${path}${query}`);
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path} failed: ${JSON.stringify(body)}`);
  return body.result.data as T;
}

/** The id of a test's AI system, by its slug (createTestSystem returns the slug and key). */
export async function systemIdOf(slug: string): Promise<string> {
  const admin = await signedInApi("admin@demo.local");
  const systems = await trpcQuery<{ id: string; slug: string }[]>(admin, "systems.list");
  await admin.dispose();
  const system = systems.find((s) => s.slug === slug);
  if (!system) throw new Error(`no AI system with slug ${slug}`);
  return system.id;
}

/**
 * The business case from the reference, set by the admin: manual €6.00, AI €0.50, a review
 * €6.00, assumed 10% ± 5%, and a small minimum sample so a test can raise drift with 20 outputs.
 * Live for 40 days, so the go-live and day-30 readiness reviews are overdue.
 */
export async function setTestBusinessCase(systemId: string, overrides: Record<string, unknown> = {}) {
  const admin = await signedInApi("admin@demo.local");
  await trpcMutation(admin, "systems.setBusinessCase", {
    systemId,
    businessCase: {
      currency: "EUR",
      manualCostPerItem: 6,
      aiCostPerItem: 0.5,
      reviewCost: { kind: "per_item", amount: 6 },
      assumedVerificationRate: 0.1,
      tolerance: 0.05,
      goldShare: 0,
      driftWindowHours: 24,
      driftMinSample: 10,
      ...overrides,
    },
    liveSince: new Date(Date.now() - 40 * day).toISOString(),
  });
  await admin.dispose();
}

/**
 * Reports the AI system's volume for a period that covers the escalations just posted:
 * from two hours ago to a minute from now (escalations count by the time they were received).
 */
export async function reportVolumeCoveringNow(machine: APIRequestContext, total: number) {
  const now = Date.now();
  const res = await machine.post("/api/v1/volume", {
    data: { periodStart: new Date(now - 2 * hour).toISOString(), periodEnd: new Date(now + 60_000).toISOString(), total },
  });
  if (res.status() !== 201) throw new Error(`volume report refused: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** Grants a reviewer (by email) the review authority on one AI system, valid for a year. */
export async function qualifyReviewer(email: string, systemId: string) {
  const admin = await signedInApi("admin@demo.local");
  const users = await trpcQuery<{ id: string; email: string }[]>(admin, "users.list");
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  await trpcMutation(admin, "qualifications.grant", {
    userId: user.id,
    systemId,
    training: "End-to-end test qualification",
    obtainedAt: new Date(Date.now() - day).toISOString(),
    expiresAt: new Date(Date.now() + 365 * day).toISOString(),
    authority: ["review"],
  });
  await admin.dispose();
}

import type { z } from "zod";
import type { businessCaseSchema } from "@countersign/shared/cost-model";
import type { Outcome } from "@countersign/shared/enums";
import { heartbeatSeconds } from "@countersign/shared/policy";
import type { buildApp } from "../app";
import type { UserSummary } from "../modules/users/queries";
import { callerFor, escalationBody, type testDeps } from "./fixtures";

// Response bodies are read loosely in tests: the assertions say what shape they must have.
export type TestResponse = Omit<Response, "json"> & { json(): Promise<any> };

/** An AI system's side of the REST API, with its key. */
export function machineClient(app: Awaited<ReturnType<typeof buildApp>>, key: string) {
  const send = async (method: string, path: string, body?: unknown, options: { key?: string | null; raw?: boolean } = {}) => {
    const apiKey = options.key === undefined ? key : options.key;
    return (await app.request(path, {
      method,
      headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      ...(body === undefined ? {} : { body: options.raw ? (body as string) : JSON.stringify(body) }),
    })) as TestResponse;
  };
  return {
    reportVolume: (body: unknown, options?: { key?: string | null; raw?: boolean }) => send("POST", "/api/v1/volume", body, options),
    escalate: (overrides: Parameters<typeof escalationBody>[0] = {}) => send("POST", "/api/v1/escalations", escalationBody(overrides)),
    state: (options?: { key?: string | null }) => send("GET", "/api/v1/system", undefined, options),
  };
}

/** The reference's business case: manual €6.00, AI €0.50, a review €6.00, 10% assumed ± 5%. */
export const referenceCase = {
  currency: "EUR",
  manualCostPerItem: 6,
  aiCostPerItem: 0.5,
  reviewCost: { kind: "per_item", amount: 6 },
  assumedVerificationRate: 0.1,
  tolerance: 0.05,
} satisfies z.input<typeof businessCaseSchema>;

const words = "kettle parcel invoice courier photo receipt warranty damage order refund policy customer address label".split(" ");

/** A rationale unlike any other, so the similarity rule never refuses a scripted decision. */
function freshRationale(seed: number) {
  const pick = (i: number) => words[(seed * 7 + i * 3 + Math.floor(seed / 5)) % words.length]!;
  return `Decision ${seed}-${Math.random().toString(36).slice(2)}: compared ${pick(1)} with ${pick(2)}, then ${pick(3)} against ${pick(4)} ${Math.random().toString(36).slice(2)}.`;
}

let decisions = 0;

/**
 * The reviewer keeps the review screen visible and focused for `seconds`: the clock moves one
 * heartbeat interval at a time and the screen's heartbeat follows each step, exactly as the
 * browser sends them. The server credits the active time; nothing here can claim more.
 */
export async function attend(t: Awaited<ReturnType<typeof testDeps>>, caller: Awaited<ReturnType<typeof callerFor>>, escalationId: string, seconds: number) {
  let beat = { activeSeconds: 0, leaseExpiresAt: 0, leaseEndsAtLatest: 0 };
  for (let left = seconds; left > 0; left -= heartbeatSeconds) {
    t.advance(Math.min(heartbeatSeconds, left));
    beat = await caller.queue.heartbeat({ escalationId });
  }
  return beat;
}

/**
 * A reviewer claims an escalation and decides it the way the workbench does, after `activeSeconds`
 * with the review screen in front of them (and at least 30 s after the claim).
 */
export async function decideAs(
  t: Awaited<ReturnType<typeof testDeps>>,
  reviewer: UserSummary,
  escalationId: string,
  outcome: Outcome,
  activeSeconds = 25,
  correctedOutput = '{"decision":"refund","amount":10,"currency":"EUR"}',
) {
  const caller = callerFor(t.deps, reviewer);
  await caller.queue.claim({ escalationId });
  await attend(t, caller, escalationId, activeSeconds);
  t.advance(Math.max(0, 30 - activeSeconds));
  return caller.reviews.decide({
    escalationId,
    outcome,
    checklist: { "matches-request": "yes", "within-policy": outcome === "approved" ? "yes" : "no" },
    rationale: freshRationale(decisions++),
    ...(outcome === "modified" ? { correctedOutput } : {}),
  });
}

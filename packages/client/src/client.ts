import type { z } from "zod";
import type { escalationInputSchema, EscalationResource } from "@countersign/shared/escalation";
import type { InstructionsVersion } from "@countersign/shared/instructions";
import type { volumeInputSchema } from "@countersign/shared/operations";
import type {
  BatchEscalation,
  EscalationBatchResult,
  EscalationReceived,
  PublicKey,
  SystemState,
  VolumeReport,
} from "@countersign/shared/rest-api";
import { CountersignError } from "./errors";
import { defaultRetryPolicy, request, sleep, type RetryPolicy, type Transport } from "./http";
import { stateSignatureVerifies } from "./signature";

/** The body of an escalation, as the AI system writes it (optional fields may be left out). */
export type EscalationInput = z.input<typeof escalationInputSchema>;
export type VolumeInput = z.input<typeof volumeInputSchema>;
export type Escalation = EscalationResource;

export type CountersignOptions = {
  /** The Countersign instance, e.g. `https://countersign.example.com` (the API is under /api/v1). */
  baseUrl: string;
  /** The AI system's API key. */
  apiKey: string;
  retry?: Partial<RetryPolicy>;
  /** For tests and runtimes without a global fetch. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

/** The longest `?wait` the server holds a GET (seconds). */
const maxWaitSeconds = 30;

/** Statuses after which nothing will change any more: decided, or expired undecided (do not act). */
const finalStatuses = new Set(["decided", "expired"]);

export class Countersign {
  private readonly transport: Transport;
  private publicKeyCache: PublicKey | undefined;
  private highestSeq = -1;

  constructor(options: CountersignOptions) {
    const base = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
    this.transport = {
      baseUrl: new URL("api/v1/", base).toString(),
      apiKey: options.apiKey,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      retry: { ...defaultRetryPolicy, ...options.retry },
      sleep: options.sleep ?? sleep,
    };
  }

  /**
   * Hands one AI output to humans. Safe to repeat: the externalId is the idempotency key, so a
   * retry after a lost answer returns the same escalation (`created: false`).
   */
  async escalate(body: EscalationInput, options: { traceparent?: string } = {}): Promise<EscalationReceived & { created: boolean }> {
    const headers = options.traceparent ? { traceparent: options.traceparent } : undefined;
    const { status, body: received } = await request<EscalationReceived>(this.transport, "POST", "escalations", { body, ...(headers ? { headers } : {}) });
    return { ...received, created: status === 201 };
  }

  /** Up to 500 escalations at once; read each item's result (created, existing or error). */
  async escalateBatch(items: BatchEscalation[]): Promise<EscalationBatchResult> {
    return (await request<EscalationBatchResult>(this.transport, "POST", "escalations/batch", { body: { items } })).body;
  }

  /** The escalation and, once decided, its decision. */
  async get(id: string): Promise<Escalation> {
    return (await request<Escalation>(this.transport, "GET", `escalations/${encodeURIComponent(id)}`)).body;
  }

  async findByExternalId(externalId: string): Promise<Escalation> {
    return (await request<Escalation>(this.transport, "GET", `escalations?externalId=${encodeURIComponent(externalId)}`)).body;
  }

  /**
   * Waits until the escalation is decided (or expired) and returns it; throws WAIT_TIMEOUT after
   * `timeoutMs`. Each GET asks the server to hold it (`?wait=`, up to 30 s); a server that
   * answers at once is polled every `pollIntervalMs` instead.
   */
  async waitForDecision(id: string, options: { timeoutMs: number; pollIntervalMs?: number }): Promise<Escalation> {
    const deadline = Date.now() + options.timeoutMs;
    const pollIntervalMs = options.pollIntervalMs ?? 2000;
    for (;;) {
      const remaining = deadline - Date.now();
      const wait = Math.max(0, Math.min(maxWaitSeconds, Math.floor(remaining / 1000)));
      const askedAt = Date.now();
      const { body } = await request<Escalation>(this.transport, "GET", `escalations/${encodeURIComponent(id)}?wait=${wait}`);
      if (finalStatuses.has(body.status) || body.decision) return body;
      const left = deadline - Date.now();
      if (left <= 0) throw new CountersignError(0, "WAIT_TIMEOUT", `escalation ${id} was not decided within ${options.timeoutMs} ms; do not act on the output`);
      // A server that held the request for the wait asked can be asked again at once.
      const held = Date.now() - askedAt >= wait * 1000 - 50 && wait > 0;
      if (!held) await this.transport.sleep(Math.min(pollIntervalMs, left));
    }
  }

  /** Reports how many outputs the AI system produced in a period (idempotent by period). */
  async reportVolume(body: VolumeInput): Promise<VolumeReport & { created: boolean }> {
    const { status, body: report } = await request<VolumeReport>(this.transport, "POST", "volume", { body });
    return { ...report, created: status === 201 };
  }

  /** The instance's Ed25519 public key (cached once read). */
  /** The system's instructions for use in force (EU AI Act Art. 13); a 404 CountersignError until an admin records them. */
  async instructionsForUse(): Promise<InstructionsVersion> {
    return (await request<InstructionsVersion>(this.transport, "GET", "system/instructions")).body;
  }

  async publicKey(refresh = false): Promise<PublicKey> {
    if (!this.publicKeyCache || refresh) this.publicKeyCache = (await request<PublicKey>(this.transport, "GET", "public-key", { auth: false })).body;
    return this.publicKeyCache;
  }

  /**
   * Has a human pressed stop? The answer is checked against the instance's public key and
   * against replays (a lower `seq` than one already seen). Fails closed: when anything does not
   * verify it throws, and the caller must then treat the system as halted.
   */
  async systemState(): Promise<SystemState> {
    const { body: state } = await request<SystemState>(this.transport, "GET", "system");
    let key = await this.publicKey();
    // The instance may have a new key: fetch it once more before refusing.
    if (key.keyId !== state.keyId) key = await this.publicKey(true);
    if (!(await stateSignatureVerifies(state, key))) {
      throw new CountersignError(200, "SIGNATURE_INVALID", "the stop state's signature does not verify with the instance's public key; treat the system as halted");
    }
    if (state.seq < this.highestSeq) {
      throw new CountersignError(200, "STALE_STATE", `stop state seq ${state.seq} is older than seq ${this.highestSeq} already seen; treat the system as halted`);
    }
    this.highestSeq = state.seq;
    return state;
  }
}

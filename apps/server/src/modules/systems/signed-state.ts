import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { signingKeyFor } from "../../audit/signing-key";
import { recordStateSeen } from "./state-seen";
import { signedStopState, stopStateReader } from "./stop-state";

/** The AI system reading, and the key it read with (the record of who saw the state names the key). */
type Reader = { id: string; keyId: string };

/**
 * The stop state an AI system reads (REST and MCP alike; webhooks push the same body), signed with
 * the instance's Ed25519 key: `signature` is over the canonical JSON (RFC 8785) of every other
 * field, so a client can tell the state came from this Countersign, and `seq` with `issuedAt` lets
 * it refuse a replayed older state. The first read of each new state is recorded, once.
 */
export function signedStopStates(deps: Deps) {
  const stopState = stopStateReader(deps.db);
  // Polled every second by each AI system: a state is signed at most once per second (issuedAt
  // is whole seconds), so the signature does not multiply the cost of a poll.
  const signed = new Map<string, { version: string; body: Record<string, unknown> }>();
  return async (system: Reader): Promise<Record<string, unknown>> => {
    const read = await stopState(system.id);
    if (!read) throw new AppError("NOT_FOUND", "the AI system of this key no longer exists");
    if (read.seenAt === null) await recordStateSeen(deps, system, read.state);
    const now = deps.now();
    const version = JSON.stringify([read.state, Math.floor(now / 1000)]);
    let cached = signed.get(system.id);
    if (cached?.version !== version) {
      cached = { version, body: signedStopState(signingKeyFor(deps.db), read.state, now) };
      signed.set(system.id, cached);
    }
    return cached.body;
  };
}

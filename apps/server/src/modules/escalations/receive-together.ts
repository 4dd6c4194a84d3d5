import type { EscalationInput } from "@countersign/shared/escalation";
import type { Db } from "../../db/client";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { write } from "../../lib/tx";
import { auditChainWriter } from "../../audit/append";
import { keyStillActive } from "../systems/api-keys";
import { receiveEscalation, receiveWith, statementsFor, type Handoff, type Intake, type Received } from "./receive";
import { inOrder } from "../../lib/in-order";

type Waiting = {
  systemId: string;
  /** The API key the request came with, verified again inside the transaction (the intake's authentication may be seconds old). */
  keyId: string | undefined;
  input: EscalationInput;
  handoff: Handoff;
  answer: (received: Received) => void;
  refuse: (error: unknown) => void;
};

/** Per database, the escalations waiting for the next shared commit (absent: none is scheduled). */
const waiting = new WeakMap<Db, Waiting[]>();

/**
 * Receives one escalation like receiveEscalation, committed together with the others that arrive
 * in the same turn of the event loop: one write transaction, and so one sync to disk, for all of
 * them. A promise answers each only once that transaction has committed (synchronous=FULL: it is
 * on disk), so an acknowledged escalation is exactly as durable as with a transaction of its own.
 * Each is judged on its own, in the order they arrived: a conflicting externalId refuses only its
 * own request, and a repeated one within the group is the same escalation. With `keyId`, the key
 * must still be active inside the transaction (a revoked one refuses its request with 401), so
 * the route may authenticate from a key verified seconds before.
 */
export function receiveEscalationTogether(
  deps: Deps,
  systemId: string,
  input: EscalationInput,
  handoff: Handoff = {},
  keyId?: string,
): Promise<Received> {
  return new Promise((answer, refuse) => {
    let group = waiting.get(deps.db);
    if (!group) {
      waiting.set(deps.db, (group = []));
      commitOnceCollected(deps, group, 0, 1);
    }
    group.push({ systemId, keyId, input, handoff, answer, refuse });
  });
}

/** How many more turns of the event loop a group that is still growing may wait for more. */
const extraTurns = 2;

/**
 * setImmediate runs once the I/O of this turn is handled: every request whose body arrived with the
 * first has joined by then, and a lone request waits no longer than that. A group that grew during
 * the turn is a burst, whose other requests often arrive in the next turns (each commit holds the
 * process for its sync to disk, and the answers it sends bring the next requests a turn later): it
 * waits up to two more turns while it keeps growing, so that one commit, one sync, serves them all.
 */
function commitOnceCollected(deps: Deps, group: Waiting[], turns: number, size: number) {
  setImmediate(() => {
    if (group.length > size && turns < extraTurns) commitOnceCollected(deps, group, turns + 1, group.length);
    else void commitTogether(deps, group);
  });
}

const keyRevoked = () => new AppError("UNAUTHORIZED", "the API key is not valid or has been revoked");

async function commitTogether(deps: Deps, group: Waiting[]) {
  waiting.delete(deps.db);
  const now = deps.now();
  let outcomes: ({ received: Received } | { refused: AppError })[];
  try {
    outcomes = await write(deps.db, async () => {
      const statements = statementsFor(deps.db);
      // Escalations written in this transaction, for a repeated externalId within the group.
      const written = new Map<string, { id: string; requestHash: string; status: string }>();
      const intake: Intake = {
        existing: (systemId, externalId) => written.get(`${systemId}\n${externalId}`) ?? statements.existing(systemId, externalId),
        insert: async (row) => {
          await statements.insert(row);
          written.set(`${row.systemId}\n${row.externalId}`, { id: row.id!, requestHash: row.requestHash, status: "queued" });
        },
        audit: auditChainWriter(deps.db),
      };
      const keysActive = new Map<string, boolean>();
      const stillActive = async (keyId: string) => {
        let active = keysActive.get(keyId);
        if (active === undefined) keysActive.set(keyId, (active = await keyStillActive(deps.db, keyId)));
        return active;
      };
      return await inOrder(group, async ({ systemId, keyId, input, handoff }) => {
              try {
                if (keyId !== undefined && !await stillActive(keyId)) throw keyRevoked();
                return { received: await receiveWith(intake, systemId, input, now, handoff) };
              } catch (error) {
                // A refusal is thrown before anything is written: only that request fails.
                if (error instanceof AppError) return { refused: error };
                throw error;
              }
            });
    });
  } catch {
    // Anything else rolled the whole group back, so nothing of it was written: each goes alone,
    // so that one escalation's failure is never another's.
    for (const { systemId, keyId, input, handoff, answer, refuse } of group) {
      try {
        // Verified just before its own transaction, as every request was before keys were remembered.
        if (keyId !== undefined && !await keyStillActive(deps.db, keyId)) throw keyRevoked();
        answer(await receiveEscalation(deps, systemId, input, handoff));
      } catch (error) {
        refuse(error);
      }
    }
    return;
  }
  outcomes.forEach((outcome, i) => ("received" in outcome ? group[i]!.answer(outcome.received) : group[i]!.refuse(outcome.refused)));
}

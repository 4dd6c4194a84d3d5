import type { EscalationResource } from "@countersign/shared/escalation";
import type { Deps } from "../../lib/context";
import { recordDecisionFetched } from "./decision-fetched";
import { findForSystem } from "./resource";
import { untilSettled } from "./waiters";

type Lookup = { id: string } | { externalId: string };

/**
 * The escalation as the AI system reads it; the first read of a decision is recorded. With
 * `wait` seconds, an undecided escalation is held until the lifecycle announces its decision or
 * expiry (or the time passes, or the client leaves), then read again exactly as a plain GET.
 */
export async function readEscalation(deps: Deps, systemId: string, by: Lookup, wait = 0, signal?: AbortSignal): Promise<EscalationResource> {
  let resource = await findForSystem(deps.db, systemId, by, deps.now());
  if (!resource.decision && wait > 0) {
    // Registered before reading again: a decision that commits between the two reads wakes it.
    const done = new AbortController();
    const settled = untilSettled(resource.id, wait, signal ? AbortSignal.any([signal, done.signal]) : done.signal);
    resource = await findForSystem(deps.db, systemId, { id: resource.id }, deps.now());
    if (!resource.decision) {
      await settled;
      resource = await findForSystem(deps.db, systemId, { id: resource.id }, deps.now());
    }
    done.abort();
  }
  if (resource.decision) await recordDecisionFetched(deps, systemId, resource.id);
  return resource;
}

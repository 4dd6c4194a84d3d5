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
  let resource = findForSystem(deps.db, systemId, by, deps.now());
  if (!resource.decision && wait > 0) {
    // Registered in the same tick as the read: no decision can commit in between.
    await untilSettled(resource.id, wait, signal);
    resource = findForSystem(deps.db, systemId, { id: resource.id }, deps.now());
  }
  if (resource.decision) recordDecisionFetched(deps, systemId, resource.id);
  return resource;
}

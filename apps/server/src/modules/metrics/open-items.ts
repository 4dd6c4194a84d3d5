import type { Deps } from "../../lib/context";
import { openItems } from "../indicators/queue-health";
import { systemById } from "../systems/queries";

/** Open items of one AI system (figures.openItems): the same count as the lead's queue health. */
export async function openItemsOfSystem(deps: Deps, systemId: string) {
  return openItems(deps.db, (await systemById(deps.db, systemId)).id, deps.now());
}

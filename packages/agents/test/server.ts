import type { Outcome } from "@countersign/shared/enums";
import { buildApp } from "../../../apps/server/src/app";
import { addSystem, addUser, testDeps } from "../../../apps/server/src/testing/fixtures";
import { listen } from "../../../apps/server/src/testing/listen";
import { decideAs } from "../../../apps/server/src/testing/operations";

/**
 * A real Countersign for the examples: a migrated database, one AI system with its key, and a
 * reviewer who decides the next escalation that arrives the way the test says.
 */
export async function countersignForExamples() {
  const t = testDeps(Date.now());
  const { key } = await addSystem(t.deps, "support-agent");
  const reviewer = await addUser(t.deps, "rita@example.com", ["reviewer"]);
  const server = await listen(buildApp(t.deps));
  const escalationIds = () => t.deps.db.$client.prepare("SELECT id FROM escalations ORDER BY received_at").pluck().all() as string[];

  /** Decides the next escalation to arrive (the reviewer in the workbench), with a corrected output for modified. */
  async function reviewerWill(outcome: Outcome, correctedOutput?: unknown) {
    const before = escalationIds().length;
    for (let i = 0; i < 400 && escalationIds().length === before; i++) await new Promise((done) => setTimeout(done, 25));
    const id = escalationIds().at(-1)!;
    await decideAs(t, reviewer, id, outcome, 25, correctedOutput === undefined ? undefined : JSON.stringify(correctedOutput));
    return id;
  }

  return { url: server.url, apiKey: key, reviewerWill, close: server.close };
}

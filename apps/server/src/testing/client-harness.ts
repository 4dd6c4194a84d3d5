/**
 * A real Countersign server for client libraries tested out of process (the Python client's
 * unittest suite): a migrated database of its own, one AI system with an API key and a
 * qualified reviewer, listening on a free port. It prints one JSON line, {url, apiKey}, then
 * obeys one command per line on stdin, answering one JSON line each:
 *   decide <escalationId> <outcome>   a reviewer decides it, as the workbench does
 *   halt | resume                     a person presses stop, or lifts it
 *   sign-webhook <secret> <id> <unix seconds> <base64 body>
 *                                     the Standard Webhooks headers for that delivery
 * It exits when stdin closes.
 */
import { createInterface } from "node:readline";
import { Webhook } from "standardwebhooks";
import type { Outcome } from "@countersign/shared/enums";
import { buildApp } from "../app";
import { operator } from "../lib/context";
import { log } from "../lib/logger";
import { unlimitedLimiterStore } from "../lib/rate-limits";
import { haltSystem, resumeSystem } from "../modules/systems/halt";
import { addSystem, addUser, testDeps } from "./fixtures";
import { listen } from "./listen";
import { decideAs } from "./operations";

// stdout carries the protocol's JSON lines only: the server's own log would interleave with them.
log.level = "silent";
const t = testDeps(Date.now());
const { system, key } = await addSystem(t.deps);
const reviewer = await addUser(t.deps, "reviewer@example.com", ["reviewer"]);
const server = await listen(buildApp(t.deps, undefined, { limiterStore: unlimitedLimiterStore }));
console.log(JSON.stringify({ url: server.url, apiKey: key, systemSlug: system.slug }));

const reason = "Client test: the AI system must stop at once.";
const commands: Record<string, (args: string[]) => Promise<unknown> | unknown> = {
  decide: ([id, outcome]) => decideAs(t, reviewer, id!, outcome as Outcome),
  halt: () => haltSystem(t.deps, operator, { systemId: system.id, reason }),
  resume: () => resumeSystem(t.deps, operator, { systemId: system.id, reason }),
  "sign-webhook": ([secret, id, seconds, body]) => ({
    "webhook-id": id,
    "webhook-timestamp": seconds,
    "webhook-signature": new Webhook(secret!).sign(id!, new Date(Number(seconds) * 1000), Buffer.from(body!, "base64").toString("utf8")),
  }),
};

for await (const line of createInterface({ input: process.stdin })) {
  const [name, ...args] = line.trim().split(/\s+/);
  try {
    const command = commands[name ?? ""];
    if (!command) throw new Error(`unknown command ${name}`);
    const value = await command(args);
    console.log(JSON.stringify({ ok: true, value: name === "sign-webhook" ? value : null }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: String(error) }));
  }
}
await server.close();
process.exit(0);

// Hands one escalation to a running instance's database the way intake does, without the REST
// API's size limits: the web benchmark (e2e/bench/large-review.bench.ts) measures the review
// screen with a larger AI output than REST accepts. The server and this process share the file as
// the CLI does (WAL, IMMEDIATE transactions), so the audit chain stays whole.
//   tsx bench/seed-escalation.ts <database> <systemId> <escalation.json>   → prints the escalation's id
import { readFileSync } from "node:fs";
import type { EscalationInput } from "@countersign/shared/escalation";
import { openDb } from "../src/db/client";
import { receiveEscalation } from "../src/modules/escalations/receive";

const [database, systemId, bodyFile] = process.argv.slice(2);
if (!database || !systemId || !bodyFile) throw new Error("usage: seed-escalation.ts <database> <systemId> <escalation.json>");
const db = openDb(database);
const body = JSON.parse(readFileSync(bodyFile, "utf8")) as EscalationInput;
console.log((await receiveEscalation({ db, now: Date.now }, systemId, body)).id);
db.$client.close();

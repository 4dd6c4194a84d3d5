import { existsSync } from "node:fs";
import { openDb } from "../src/db/client";
import { operator, type Deps } from "../src/lib/context";
import { listQueue } from "../src/modules/queue/list";
import { createSystem } from "../src/modules/systems/create-system";
import { createUser } from "../src/modules/users/create-user";
import { insertQueued } from "../src/testing/bulk";
const path = "/tmp/qs/plan.db";
const fresh = !existsSync(path);
const db = openDb(path);
const now = Date.parse("2026-12-01T12:00:00Z");
const deps: Deps = { db, now: () => now };
if (fresh) {
  const s = ["refunds", "kyc"].map((slug) => createSystem(deps, operator, { slug, name: slug, oversightMode: "HOTL" }));
  createUser(deps, operator, { email: "r@example.com", name: "R", roles: ["reviewer"] });
  insertQueued(db, s[0]!.id, 90000, { prefix: "q0", now });
  insertQueued(db, s[1]!.id, 10000, { prefix: "q1", now });
  db.$client.exec("ANALYZE");
}
const user = db.$client.prepare("SELECT id FROM users LIMIT 1").pluck().get() as string;
const client = db.$client;
const orig = client.prepare.bind(client);
(client as any).prepare = (sqlText: string) => {
  const st = orig(sqlText);
  const wrap = (fn: string) => { if (!(st as any)[fn]) return; const o = (st as any)[fn].bind(st); (st as any)[fn] = (...args: any[]) => {
    if (/^\s*(select|with)/i.test(sqlText) && !sqlText.includes("EXPLAIN")) {
      const t0 = performance.now(); const r = o(...args); const ms = performance.now() - t0;
      console.log(`--- ${ms.toFixed(1)} ms: ${sqlText.slice(0, 160).replace(/\s+/g, " ")}`);
      for (const row of orig("EXPLAIN QUERY PLAN " + sqlText).all(...args) as any[]) console.log("   ", row.detail);
      return r;
    } return o(...args); }; };
  wrap("all"); wrap("get"); wrap("values"); 
  return st;
};
const filter = JSON.parse(process.argv[2] ?? "{}");
console.log("FILTER", filter);
listQueue(deps, { id: user, roles: ["reviewer"] }, filter);

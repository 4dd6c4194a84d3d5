import { inOrder } from "../lib/in-order";
import { beforeAll, describe, expect, it } from "vitest";
import { roles, type Role } from "@countersign/shared/enums";
import { can, describeHolders, type Permission, type PermissionRule } from "@countersign/shared/permissions";
import { buildApp } from "../app";
import { receiveEscalation } from "../modules/escalations/receive";
import { httpRoutes, trpcProcedures } from "../testing/endpoints";
import { addSystem, addUser, escalationBody, testDeps, testPassword } from "../testing/fixtures";

/**
 * The authorisation matrix, generated from the router and the app's routes: every tRPC procedure
 * and HTTP route, called through the real HTTP app on a migrated SQLite by a visitor, a user of
 * each role, and an AI system with its own key, is refused or let through exactly as the
 * permission table says. Inputs are minimal (usually none): a 400 for a missing field, or a 404 for
 * another system's escalation, still shows the request got past the permission check.
 */

type Caller = "anonymous" | Role | "another system's key";
const callers: Caller[] = ["anonymous", ...roles, "another system's key"];
type Verdict = "allowed" | "401" | "403";

function expected(rule: PermissionRule, caller: Caller): Verdict {
  if (rule.holder === "anyone") return "allowed";
  if (rule.holder === "apiKey") return caller === "another system's key" ? "allowed" : "401";
  if (caller === "anonymous" || caller === "another system's key") return "401";
  if (rule.holder === "session") return "allowed";
  return rule.roles.includes(caller) ? "allowed" : "403";
}

const t = testDeps();
const app = buildApp(t.deps);
const procedures = trpcProcedures();
const routes = httpRoutes(app);
const refundSystem = await addSystem(t.deps, "refund-triage");
const otherSystem = await addSystem(t.deps, "kyc-check");
const escalation = await receiveEscalation(t.deps, refundSystem.system.id, escalationBody());
const users = Object.fromEntries(await inOrder(roles, async (role) => [role, await addUser(t.deps, `${role}@example.com`, [role])] as const)) as Record<Role, Awaited<ReturnType<typeof addUser>>>;

// The workbench's own origin, as a browser sends it on every request from the workbench.
const sameOrigin = { origin: "http://localhost", "sec-fetch-site": "same-origin" };

async function signInAs(role: Role): Promise<string> {
  const res = await app.request("http://localhost/trpc/auth.signIn", {
    method: "POST",
    headers: { ...sameOrigin, "content-type": "application/json" },
    body: JSON.stringify({ email: users[role].email, password: testPassword }),
  });
  expect(res.status, `signing in as ${role}`).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

const sessions = new Map<Role, string>();
beforeAll(async () => {
  for (const role of roles) sessions.set(role, await signInAs(role));
});

/** Headers that make a request come from this caller. Signing out ends a session, so it gets a fresh one. */
async function credentialsOf(caller: Caller, permission: Permission): Promise<Record<string, string>> {
  if (caller === "anonymous") return {};
  if (caller === "another system's key") return { authorization: `Bearer ${otherSystem.key}` };
  return { cookie: permission === "signOut" ? await signInAs(caller) : sessions.get(caller)! };
}

async function verdictOf(res: Response, permission: Permission): Promise<Verdict | string> {
  if (res.status !== 401 && res.status !== 403) return "allowed";
  const text = await res.text();
  // A 403 from a use case (say, a missing qualification) is not the permission layer's refusal.
  if (res.status === 403 && !text.includes(`this needs ${describeHolders(permission)}`)) return `403 not from the permission check: ${text}`;
  return String(res.status);
}

async function matrixRow(permission: Permission, request: (headers: Record<string, string>) => Response | Promise<Response>) {
  const row: Record<string, string> = {};
  for (const caller of callers) row[caller] = await verdictOf(await request({ ...sameOrigin, ...(await credentialsOf(caller, permission)) }), permission);
  return row;
}

/** What each caller got, by procedure or route, for the readable matrix at the end. */
const observed: { name: string; permission: Permission; row: Record<string, string> }[] = [];

const expectedRow = (permission: Permission) => Object.fromEntries(callers.map((caller) => [caller, expected(can[permission], caller)]));

describe("authorisation matrix: every tRPC procedure × every caller", () => {
  it.each(procedures.map((p) => [p.path, p] as const))("%s", async (_path, procedure) => {
    const permission = procedure.permission!;
    const row = await matrixRow(permission, (headers) =>
      procedure.type === "query"
        ? app.request(`http://localhost/trpc/${procedure.path}`, { headers })
        : app.request(`http://localhost/trpc/${procedure.path}`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: "{}",
          }),
    );
    observed.push({ name: procedure.path, permission, row });
    expect(row, `${procedure.path} needs ${permission}: ${describeHolders(permission)}`).toEqual(expectedRow(permission));
  });
});

describe("authorisation matrix: every HTTP route × every caller", () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", async (_name, route) => {
    const permission = route.permissions[0]!;
    // Path parameters name the refund system's escalation: another system's key must not see it.
    const path = route.path.replace(/:[a-zA-Z]+/g, escalation.id).replace("*", "queue");
    const row = await matrixRow(permission, (headers) =>
      app.request(`http://localhost${path}`, {
        method: route.method,
        headers: route.method === "GET" ? headers : { ...headers, "content-type": "application/json" },
        ...(route.method === "GET" ? {} : { body: "{}" }),
      }),
    );
    // The single-page app answers `GET /*` once built, `GET /` (a hint to build it) before.
    const name = route.method === "GET" && (route.path === "/*" || route.path === "/") ? "GET /* (the web app)" : `${route.method} ${route.path}`;
    observed.push({ name, permission, row });
    expect(row, `${route.method} ${route.path} needs ${permission}: ${describeHolders(permission)}`).toEqual(expectedRow(permission));
  });

  it("another system's key is let in, but never sees this system's escalation", async () => {
    const res = await app.request(`/api/v1/escalations/${escalation.id}`, { headers: { authorization: `Bearer ${otherSystem.key}` } });
    expect(res.status).toBe(404);
    const own = await app.request(`/api/v1/escalations/${escalation.id}`, { headers: { authorization: `Bearer ${refundSystem.key}` } });
    expect(own.status).toBe(200);
  });
});

describe("the matrix, reviewed like code", () => {
  it("who may call what is the checked-in table; a change of access shows up as a change of this file", async () => {
    const mark = (verdict: string) => (verdict === "allowed" ? "✓" : verdict);
    const lines = [
      "# Authorisation matrix",
      "",
      "Generated by `apps/server/src/trpc/authorisation-matrix.test.ts` from the real HTTP app: what each caller gets",
      "(✓ past the permission check; 401; 403). The rules are in `packages/shared/src/permissions.ts`.",
      "Update with `pnpm vitest run apps/server/src/trpc/authorisation-matrix.test.ts -u`.",
      "",
      `| procedure or route | permission | ${callers.join(" | ")} |`,
      `| --- | --- | ${callers.map(() => "---").join(" | ")} |`,
      ...observed.map((o) => `| \`${o.name}\` | ${o.permission} | ${callers.map((c) => mark(o.row[c]!)).join(" | ")} |`),
      "",
    ];
    expect(observed).toHaveLength(procedures.length + routes.length);
    await expect(lines.join("\n")).toMatchFileSnapshot("./__snapshots__/authorisation-matrix.md");
  });
});

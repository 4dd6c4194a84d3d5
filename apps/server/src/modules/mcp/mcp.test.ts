import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { testEngine } from "../../db/pg/test-database";
import { operator } from "../../lib/context";
import { addSystem, addUser, escalationBody, testDeps } from "../../testing/fixtures";
import { listen } from "../../testing/listen";
import { decideAs } from "../../testing/operations";
import { verifyValue, signingKeyFor } from "../../audit/signing-key";
import { revokeApiKey, issueApiKey } from "../systems/api-keys";
import { haltSystem } from "../systems/halt";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let server: Awaited<ReturnType<typeof listen>>;
let key: string;
let systemId: string;
const clients: Client[] = [];

async function connect(apiKey = key) {
  const client = new Client({ name: "agent-under-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const structured = (result: Awaited<ReturnType<Client["callTool"]>>) => result.structuredContent as Record<string, any>;

beforeEach(async () => {
  t = testDeps();
  ({ key, system: { id: systemId } } = await addSystem(t.deps));
  server = await listen(buildApp(t.deps));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server.close();
});

describe("the MCP endpoint, through the SDK's own client", () => {
  it("lists the three tools, with the escalation's schema as the review request's input", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["get_decision", "get_system_state", "request_human_review"]);
    const review = tools.find((tool) => tool.name === "request_human_review")!;
    expect(review.inputSchema.required).toEqual(expect.arrayContaining(["externalId", "contextSummary", "escalationReason"]));
    expect(client.getInstructions()).toContain("do not act");
  });

  it("requests a review, idempotently, and reads the human decision back exactly", async () => {
    const client = await connect();
    const body = escalationBody({ externalId: "mcp-1", contextSummary: "Zoë — 注文 \u202eRTL\u202c kept byte-exact" });
    const first = structured(await client.callTool({ name: "request_human_review", arguments: body }));
    expect(first).toMatchObject({ externalId: "mcp-1", status: "queued", created: true });
    const again = structured(await client.callTool({ name: "request_human_review", arguments: body }));
    expect(again).toMatchObject({ id: first.id, created: false });

    const pending = structured(await client.callTool({ name: "get_decision", arguments: { id: first.id } }));
    expect(pending).toMatchObject({ status: "queued", contextSummary: body.contextSummary });
    expect(pending.decision).toBeUndefined();

    const reviewer = await addUser(t.deps, "rita@example.com", ["reviewer"]);
    await decideAs(t, reviewer, first.id, "rejected");
    const decided = structured(await client.callTool({ name: "get_decision", arguments: { externalId: "mcp-1" } }));
    expect(decided).toMatchObject({ status: "decided", decision: { outcome: "rejected" } });
  });

  it("holds get_decision until the reviewer decides when asked to wait", async () => {
    const client = await connect();
    const asked = structured(await client.callTool({ name: "request_human_review", arguments: escalationBody({ externalId: "mcp-wait" }) }));
    const reviewer = await addUser(t.deps, "wendy@example.com", ["reviewer"]);
    const waiting = client.callTool({ name: "get_decision", arguments: { id: asked.id, waitSeconds: 30 } });
    await new Promise((settle) => setTimeout(settle, 200));
    await decideAs(t, reviewer, asked.id, "approved");
    const started = Date.now();
    expect(structured(await waiting)).toMatchObject({ status: "decided", decision: { outcome: "approved" } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses bad input naming the field and the rule, and stores nothing", async () => {
    const client = await connect();
    const result = await client.callTool({ name: "request_human_review", arguments: { ...escalationBody(), confidence: 3 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/confidence/);
    const both = await client.callTool({ name: "get_decision", arguments: { id: "esc_1", externalId: "x" } });
    expect(both.isError).toBe(true);
    expect(JSON.stringify(both.content)).toMatch(/exactly one of id or externalId/);
    expect(await statement(t.deps.db, "SELECT count(*) FROM escalations").value()).toBe(0);
  });

  it("reads the signed stop state, which verifies with the instance's key", async () => {
    const client = await connect();
    await haltSystem(t.deps, operator, { systemId, reason: "Refunds over limit seen in production" });
    const { signature, ...state } = structured(await client.callTool({ name: "get_system_state", arguments: {} }));
    expect(state).toMatchObject({ state: "halted", reason: "Refunds over limit seen in production" });
    expect(verifyValue(signingKeyFor(t.deps.db).publicKey, state, signature)).toBe(true);
  });

  it("sees only its own system's reviews", async () => {
    const mine = structured(await (await connect()).callTool({ name: "request_human_review", arguments: escalationBody() }));
    const other = await addSystem(t.deps, "loan-triage");
    const result = await (await connect(other.key)).callTool({ name: "get_decision", arguments: { id: mine.id } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/NOT_FOUND/);
  });

  it("refuses a missing or revoked key before any tool runs", async () => {
    const { id, key: revoked } = await issueApiKey(t.deps, operator, systemId, "to revoke");
    await revokeApiKey(t.deps, operator, id);
    await expect(connect(revoked)).rejects.toThrow(/401|not valid/);
    const res = await fetch(`${server.url}/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
  });
});

// The CLI opens the SQLite file named by --db (cli/context.ts): it has no way yet to open a PostgreSQL database.
describe.skipIf(testEngine() === "postgres")("pnpm countersign mcp (stdio), through the SDK's own client", () => {
  it("serves the same tools to a local agent authenticated by COUNTERSIGN_API_KEY", async () => {
    const client = new Client({ name: "local-agent", version: "1.0.0" });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", fileURLToPath(new URL("../../cli/main.ts", import.meta.url)), "--db", t.path, "mcp"],
      env: { ...(process.env as Record<string, string>), COUNTERSIGN_API_KEY: key },
      stderr: "pipe",
    });
    await client.connect(transport);
    clients.push(client);
    const asked = structured(await client.callTool({ name: "request_human_review", arguments: escalationBody({ externalId: "stdio-1" }) }));
    expect(asked).toMatchObject({ externalId: "stdio-1", status: "queued", created: true });
    // The server process wrote it to the same database the workbench reads.
    expect(await statement(t.deps.db, "SELECT external_id FROM escalations").column()).toEqual(["stdio-1"]);
    const state = structured(await client.callTool({ name: "get_system_state", arguments: {} }));
    expect(state.state).toBe("active");
  }, 60_000);
});

import { beforeEach, describe, expect, it } from "vitest";
import { payloadLimits } from "@countersign/shared/exact";
import { buildApp } from "../../app";
import { addSystem, escalationBody, testDeps } from "../../testing/fixtures";
import { statement } from "../../lib/prepared";

let t: Awaited<ReturnType<typeof testDeps>>;
let app: Awaited<ReturnType<typeof buildApp>>;
let key: string;

const limit = payloadLimits.maxBytes;
const bytes = (text: string) => Buffer.byteLength(text, "utf8");
// Multi-byte characters, an emoji, escapes and a bidi control: stored sizes count UTF-8 bytes of the JSON.
const awkward = 'Résumé — naïve 🧾 "quoted" \\ back\nline \u202E ';

/** A JSON object whose stored JSON is exactly `size` bytes. */
function outputOf(size: number) {
  const report = awkward;
  const short = size - bytes(JSON.stringify({ report, padding: "" }));
  return { report, padding: "x".repeat(short) };
}
/** A text whose stored JSON string is exactly `size` bytes. */
const textOf = (size: number) => awkward + "y".repeat(size - bytes(JSON.stringify(awkward)));

const post = (body: unknown) =>
  app.request("/api/v1/escalations", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

beforeEach(async () => {
  t = testDeps();
  app = buildApp(t.deps);
  ({ key } = await addSystem(t.deps));
});

describe("an AI output of 1 MiB", () => {
  it("is accepted at the limit, as a JSON object or as text, and comes back byte-exact", async () => {
    for (const aiOutput of [outputOf(limit), textOf(limit)]) {
      expect(bytes(JSON.stringify(aiOutput))).toBe(limit);
      const sent = escalationBody({ externalId: `large-${typeof aiOutput}`, aiOutput, input: textOf(limit) });
      const res = await post(sent);
      expect(res.status, (await res.clone().text()).slice(0, 300)).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const stored = await statement(t.deps.db, "SELECT ai_output_json, input_json FROM escalations WHERE id = ?").get(id) as { ai_output_json: string; input_json: string };
      expect(stored.ai_output_json).toBe(JSON.stringify(aiOutput));
      expect(stored.input_json).toBe(JSON.stringify(sent.input));
      const read = await app.request(`/api/v1/escalations/${id}`, { headers: { authorization: `Bearer ${key}` } });
      const resource = (await read.json()) as { aiOutput: unknown; input: unknown };
      expect(JSON.stringify(resource.aiOutput)).toBe(JSON.stringify(aiOutput));
      expect(resource.input).toBe(sent.input);
    }
  });

  it("is refused one byte over the limit with a 400 naming the field and the rule", async () => {
    for (const [field, value] of [
      ["aiOutput", outputOf(limit + 1)],
      ["aiOutput", textOf(limit + 1)],
      ["input", textOf(limit + 1)],
    ] as const) {
      const res = await post(escalationBody({ externalId: `over-${field}-${typeof value}`, [field]: value }));
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { issues: { path: string; message: string }[] } };
      expect(error.issues).toEqual([{ path: field, message: `${field} must be at most 1 MiB of JSON (1048576 bytes of UTF-8, as stored)` }]);
    }
    expect(await statement(t.deps.db, "SELECT count(*) FROM escalations").value()).toBe(0);
  });
});

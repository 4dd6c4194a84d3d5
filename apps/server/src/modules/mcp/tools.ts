import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { escalationInputSchema } from "@countersign/shared/escalation";
import { decisionLookupSchema } from "@countersign/shared/mcp";
import type { Deps } from "../../lib/context";
import { AppError } from "../../lib/errors";
import { parseOr400 } from "../../lib/rest";
import { readEscalation } from "../escalations/read";
import { receiveEscalation } from "../escalations/receive";
import { signedStopStates } from "../systems/signed-state";

// The escalation body as tools/list describes it: JSON Schema cannot express the exactness checks
// on free-form JSON, so the description says string-or-object and the handler applies the full rules.
const jsonObject = z.record(z.string(), z.unknown());
const describedEscalationSchema = escalationInputSchema.extend({
  input: z.union([z.string(), jsonObject]).describe("What the AI was asked: text or a JSON object, kept exactly as sent"),
  aiOutput: z.union([z.string(), jsonObject]).describe("What the AI proposes: text or a JSON object, kept exactly as sent"),
  metadata: jsonObject.optional(),
  matchedInput: z
    .union([z.string(), jsonObject])
    .optional()
    .describe("Art. 12(3)(c), for remote biometric identification systems only: the input data for which the search led to a match, kept exactly as sent"),
});

export type McpCaller = { id: string; slug: string; keyId: string };

const instructions =
  "Countersign puts a human between this AI system and the outputs it is unsure of. Call " +
  "request_human_review with the output, a context summary and the reason for escalating; do not act " +
  "on that output until get_decision returns a decision, and then act on the decision's outcome and " +
  "finalOutput, not on your own proposal. Before acting at all, check get_system_state: when its state " +
  "is 'halted', a human has stopped this system.";

/**
 * The MCP face of the REST API for one AI system (the one whose API key called): the same use
 * cases, the same schemas, the same audit trail. Nothing here decides: a decision needs a person
 * and the analysis form.
 */
export function countersignMcpServer(deps: Deps, caller: McpCaller, signedState = signedStopStates(deps)) {
  const server = new McpServer({ name: "countersign", version: "1.0.0" }, { instructions });

  server.registerTool(
    "request_human_review",
    {
      title: "Request a human review",
      description:
        "Hand an AI output to a human reviewer before acting on it. Idempotent by externalId: sending the " +
        "same externalId again returns the review already requested. Returns its id; then call get_decision.",
      inputSchema: describedEscalationSchema,
      annotations: { idempotentHint: true, destructiveHint: false, openWorldHint: false },
    },
    (described) =>
      answer(async () => {
        const input = parseOr400(escalationInputSchema, described);
        const { created, ...received } = await receiveEscalation(deps, caller.id, input);
        return { ...received, created };
      }),
  );

  server.registerTool(
    "get_decision",
    {
      title: "Read a human decision",
      description:
        "The review by id (or by externalId) and, once decided, the human decision: outcome (approved, " +
        "modified, rejected, escalated), finalOutput and rationale; status 'expired' says what to do instead. " +
        "status 'queued' or 'in_review' means: not yet — do not act. waitSeconds (up to 30) holds the answer until a decision.",
      inputSchema: decisionLookupSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ waitSeconds, ...lookup }, extra) =>
      answer(() =>
        readEscalation(deps, caller.id, lookup.id !== undefined ? { id: lookup.id } : { externalId: lookup.externalId! }, waitSeconds ?? 0, extra.signal),
      ),
  );

  server.registerTool(
    "get_system_state",
    {
      title: "Has a human stopped this AI system?",
      description:
        "The signed stop state of this AI system: state 'active' or 'halted', with the reason and who changed it. " +
        "When halted, stop producing outputs. The signature verifies with GET /api/v1/public-key.",
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () => answer(() => signedState(caller)),
  );

  return server;
}

/** A tool's answer: the value as structured content and as JSON text; a refusal as an error result naming the fields. */
async function answer(run: () => Promise<object> | object): Promise<CallToolResult> {
  let value: object;
  try {
    value = await run();
  } catch (error) {
    return refusal(error);
  }
  return { content: [{ type: "text", text: JSON.stringify(value) }], structuredContent: value as Record<string, unknown> };
}

function refusal(error: unknown): CallToolResult {
  if (!(error instanceof AppError)) throw error;
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  return { isError: true, content: [{ type: "text", text: `${error.code}: ${error.message}${issues ? ` (${issues})` : ""}` }] };
}

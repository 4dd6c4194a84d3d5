import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../lib/context";
import { jsonBody, limitEscalationBody, maxEscalationBodyBytes, requireApiKey, type RestEnv } from "../../lib/rest";
import { signedStopStates } from "../systems/signed-state";
import { countersignMcpServer } from "./tools";

/**
 * The remote MCP endpoint (streamable HTTP), authenticated by the AI system's API key like REST.
 * Stateless: each request gets its own server and transport, so nothing is held between calls
 * and any instance can answer any request.
 */
export function mcpRoutes(deps: Deps) {
  const signedState = signedStopStates(deps);
  return new Hono<RestEnv>().on(["POST", "GET", "DELETE"], "/", requireApiKey(deps, "useMcp"), limitEscalationBody, async (c) => {
    const server = countersignMcpServer(deps, c.var.system, signedState);
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true, maxRequestBodySize: maxEscalationBodyBytes });
    await server.connect(transport);
    try {
      // Read here, so the body gets the REST rules (UTF-8, size, a 400 naming the problem).
      const parsedBody = c.req.method === "POST" ? await jsonBody(c, z.unknown()) : undefined;
      return await transport.handleRequest(c.req.raw, { parsedBody });
    } finally {
      void server.close();
    }
  });
}

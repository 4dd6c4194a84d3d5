import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { countersignMcpServer } from "../modules/mcp/tools";
import { systemForApiKey } from "../modules/systems/api-keys";
import { CliError, type CliContext } from "./context";

/**
 * `mcp`: the MCP tools over stdio, for an agent on the same machine as the database. The agent
 * authenticates as the REST API does, with its AI system's key, from COUNTERSIGN_API_KEY (an
 * environment variable, so it is not visible in the process list). stdout carries only the protocol.
 */
export function registerMcpCommand(program: Command, cli: CliContext, env: NodeJS.ProcessEnv) {
  program
    .command("mcp")
    .description("serve the MCP tools (request_human_review, get_decision, get_system_state) over stdio for one AI system, authenticated by COUNTERSIGN_API_KEY")
    .action((_options: object, command: Command) =>
      cli.serveWithDeps(command, async (deps) => {
        const system = await systemForApiKey(deps, env.COUNTERSIGN_API_KEY);
        if (!system) throw new CliError("set COUNTERSIGN_API_KEY to an active API key of the AI system (pnpm countersign key issue --system <slug>)");
        const server = countersignMcpServer(deps, system);
        const transport = new StdioServerTransport();
        // The agent ends the session by closing our stdin.
        const closed = new Promise<void>((done) => {
          process.stdin.once("end", done);
          process.stdin.once("close", done);
        });
        await server.connect(transport);
        cli.note(`Countersign MCP on stdio for ${system.slug}`);
        await closed;
        await server.close();
      }),
    );
}

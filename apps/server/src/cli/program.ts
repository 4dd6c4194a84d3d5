import { Command } from "commander";
import { registerAuditCommands } from "./audit";
import { createCliContext, type CliIo } from "./context";
import { registerKeyCommands } from "./key";
import { reportError } from "./report-error";
import { registerSystemCommands } from "./system";
import { registerUserCommands } from "./user";

/**
 * Runs one CLI invocation and returns its exit code. argv is what follows the program name,
 * e.g. ["key", "issue", "--system", "refund-triage"]. Tests call this directly.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const cli = createCliContext(io);
  // Output and exit settings first: subcommands copy them when they are created.
  const program = new Command("countersign")
    .description("Operator commands for Countersign: users, AI systems, API keys and the audit log.")
    .option("--db <path>", "SQLite database file (default: $COUNTERSIGN_DB, else ./data/countersign.db)")
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .helpCommand(false);
  registerUserCommands(program, cli);
  registerSystemCommands(program, cli);
  registerKeyCommands(program, cli);
  registerAuditCommands(program, cli);
  try {
    await program.parseAsync(argv, { from: "user" });
    return cli.exitCode;
  } catch (error) {
    return reportError(error, cli, io.env ?? process.env);
  }
}

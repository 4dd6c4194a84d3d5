import { Command } from "commander";
import { registerAuditCommands } from "./audit";
import { registerBackupCommands } from "./backup";
import { createCliContext, type CliIo } from "./context";
import { registerDbCommands } from "./db";
import { registerKeyCommands } from "./key";
import { registerMcpCommand } from "./mcp";
import { registerQualificationCommands } from "./qualification";
import { reportError } from "./report-error";
import { registerRetentionCommands } from "./retention";
import { registerSystemCommands } from "./system";
import { registerUserCommands } from "./user";
import { registerVerifyPackCommand } from "./verify-pack";

const examples = `
Examples:
  pnpm countersign user add --email ana@example.com --name "Ana Lima" --roles reviewer,lead
  pnpm countersign system add --slug refund-triage --name "Refund triage" --mode HOTL
  KEY=$(pnpm --silent countersign key issue --system refund-triage --label gateway)
  pnpm countersign key list --system refund-triage
  pnpm countersign qualification grant --email ana@example.com --system refund-triage --training "Refund policy course 2026" --expires 2027-11-22T00:00:00Z
  pnpm countersign audit verify --db ./data/countersign.db
  pnpm countersign audit verify --witness ./witness/checkpoints.jsonl
  pnpm countersign checkpoint public-key > countersign-public-key.pem
  pnpm countersign verify-pack proof-pack.zip --public-key countersign-public-key.pem
  pnpm countersign retention purge --dry-run
  COUNTERSIGN_API_KEY=$KEY pnpm --silent countersign mcp
  pnpm countersign backup ./backups/countersign-2026-12-01.db
  pnpm countersign restore ./backups/countersign-2026-12-01.db
  pnpm countersign db copy --to postgres://countersign@db.example.com/countersign

Exit status: 0 on success, 1 when the command fails (the reason is on stderr).`;

/**
 * Runs one CLI invocation and returns its exit code. argv is what follows the program name,
 * e.g. ["key", "issue", "--system", "refund-triage"]. Tests call this directly.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const cli = createCliContext(io);
  // Output and exit settings first: subcommands copy them when they are created.
  const program = new Command("countersign")
    .description("Operator commands for Countersign: users, AI systems, API keys, qualifications, the audit log, proof packs, retention, backups.")
    .option(
      "--db <path|url>",
      "SQLite database file, or a postgres:// URL (default: $COUNTERSIGN_DATABASE_URL, else $COUNTERSIGN_DB, else ./data/countersign.db)",
    )
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError("(add --help for usage)")
    .helpCommand(false)
    .addHelpText("after", examples);
  registerUserCommands(program, cli);
  registerSystemCommands(program, cli);
  registerKeyCommands(program, cli);
  registerQualificationCommands(program, cli);
  registerAuditCommands(program, cli);
  registerVerifyPackCommand(program, cli);
  registerRetentionCommands(program, cli);
  registerMcpCommand(program, cli, io.env ?? process.env);
  registerBackupCommands(program, cli, io);
  registerDbCommands(program, cli);
  try {
    await program.parseAsync(argv, { from: "user" });
    return cli.exitCode;
  } catch (error) {
    return reportError(error, cli, io.env ?? process.env);
  }
}

import type { Command } from "commander";
import { verifyAuditLog } from "../modules/audit/verify";
import type { CliContext } from "./context";

/** `audit verify`: recomputes the whole hash chain; exit 0 only when every entry verifies. */
export function registerAuditCommands(program: Command, cli: CliContext) {
  const audit = program.command("audit").helpCommand(false).description("check the append-only, hash-chained audit log");

  audit
    .command("verify")
    .description("recompute every entry's hash; exits 0 when the whole log verifies, 1 naming the first entry that does not")
    .action((_options: unknown, command: Command) =>
      cli.withDeps(command, "existing", (deps) => {
        const result = verifyAuditLog(deps.db);
        if (result.ok) {
          cli.out(`audit log verified: ${result.entries} entries, head ${result.head}`);
          return;
        }
        cli.note(`audit log does NOT verify: entry seq ${result.firstBadSeq} fails: ${result.problem}.`);
        cli.note(`The ${result.entries} entries before it verify; nothing from entry seq ${result.firstBadSeq} on can be trusted.`);
        cli.fail(1);
      }),
    );
}

import type { Command } from "commander";
import { operator } from "../lib/context";
import { purgeExpired } from "../modules/retention/purge";
import type { CliContext } from "./context";

/** `retention purge [--dry-run]`. */
export function registerRetentionCommands(program: Command, cli: CliContext) {
  const retention = program.command("retention").helpCommand(false).description("keep content only as long as each system's retention period");

  retention
    .command("purge")
    .description(
      "delete escalation content and verifications decided longer ago than the system's retentionMonths (calendar months, at least 6), except what a legal hold keeps; the server also does this daily; audit entries stay, so the log still verifies; the purge is itself logged",
    )
    .option("--dry-run", "only count what would be purged")
    .action((options: { dryRun?: boolean }, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const report = await purgeExpired(deps, operator, { dryRun: options.dryRun === true });
        if (report.systems.length === 0) return cli.out("No AI system has a retention period set (policy.retentionMonths): nothing to purge.");
        const verb = report.dryRun ? "would purge" : "purged";
        for (const s of report.systems) {
          cli.out(
            `${s.slug}: ${verb} ${s.escalations} escalations and ${s.verifications} verifications decided before ${s.cutoff} (retention ${s.retentionMonths} months)` +
              (s.held > 0 ? `; ${s.held} past retention kept under a legal hold` : ""),
          );
        }
      }),
    );
}

import { InvalidArgumentError, type Command } from "commander";
import { oversightModes, type OversightMode } from "@countersign/shared/enums";
import { operator } from "../lib/context";
import { createSystem } from "../modules/systems/create-system";
import { listSystems } from "../modules/systems/queries";
import type { CliContext } from "./context";
import { table } from "./format";

/** `system add` and `system list`. */
export function registerSystemCommands(program: Command, cli: CliContext) {
  const system = program.command("system").helpCommand(false).description("register the AI systems that escalate to Countersign");

  system
    .command("add")
    .description("register an AI system with its oversight mode and the default review policy")
    .requiredOption("--slug <slug>", "short id used in URLs and commands, e.g. refund-triage")
    .requiredOption("--name <name>", "display name, e.g. \"Refund triage\"")
    .requiredOption("--mode <mode>", "oversight mode: HITL (every output meant to be sent for review), HOTL (exceptions only) or HIC (stop only)", parseMode)
    .option("--description <text>", "what the system decides, for reviewers and auditors", "")
    .action((options: { slug: string; name: string; mode: OversightMode; description: string }, command: Command) =>
      cli.withDeps(command, "create", async (deps) => {
        const created = await createSystem(deps, operator, {
          slug: options.slug,
          name: options.name,
          description: options.description,
          oversightMode: options.mode,
        });
        const { policy } = created;
        cli.out(`Registered AI system "${created.slug}" (${created.name}), oversight mode ${created.oversightMode}.`);
        cli.out(`System id: ${created.id}`);
        cli.out(
          `Review policy: the default (${policy.checklist.length} checklist items, rationale of at least ${policy.minRationaleChars} characters, ` +
            `approval after at least ${policy.minDwellSeconds} s of active review, ${policy.leaseMinutes}-minute lease extending up to ${policy.maxLeaseMinutes} minutes while the reviewer works); an admin can change it in the workbench.`,
        );
        cli.out(`Next: issue its API key with  pnpm countersign key issue --system ${created.slug}`);
      }),
    );

  system
    .command("list")
    .description("list the registered AI systems")
    .action((_options: unknown, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const all = await listSystems(deps.db);
        if (all.length === 0) return cli.out("No AI systems yet. Register one with: countersign system add --slug … --name … --mode HOTL");
        const rows = all.map((s) => [s.slug, s.oversightMode, s.name, s.id]);
        for (const line of table([["SLUG", "MODE", "NAME", "ID"], ...rows])) cli.out(line);
      }),
    );
}

function parseMode(value: string): OversightMode {
  const mode = value.trim().toUpperCase();
  if (!(oversightModes as readonly string[]).includes(mode)) {
    throw new InvalidArgumentError(`the oversight mode must be one of ${oversightModes.join(", ")}`);
  }
  return mode as OversightMode;
}

import type { Command } from "commander";
import { issueKeyInputSchema } from "@countersign/shared/admin";
import { operator } from "../lib/context";
import { issueApiKey, revokeApiKey } from "../modules/systems/api-keys";
import { listKeys, systemBySlug } from "../modules/systems/queries";
import { CliError, type CliContext } from "./context";
import { isoTime, table } from "./format";

/** `key issue`, `key list` and `key revoke`: the API keys AI systems authenticate with. */
export function registerKeyCommands(program: Command, cli: CliContext) {
  const key = program.command("key").helpCommand(false).description("issue, list and revoke the API keys of AI systems");

  key
    .command("issue")
    .description("issue an API key; prints only the key on stdout, e.g. KEY=$(pnpm --silent countersign key issue --system refund-triage)")
    .requiredOption("--system <slug>", "the AI system the key belongs to")
    .option("--label <label>", "what the key is for, e.g. \"production gateway\"", "default")
    .action((options: { system: string; label: string }, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const system = await systemBySlug(deps.db, options.system);
        const { systemId, label } = issueKeyInputSchema.parse({ systemId: system.id, label: options.label });
        const issued = await issueApiKey(deps, operator, systemId, label);
        // stdout carries the key and nothing else, so command substitution captures exactly the key.
        cli.out(issued.key);
        cli.note(
          `Issued API key ${issued.id} ("${label}") for AI system "${system.slug}". ` +
            "This is the only time the key is shown; Countersign stores only its SHA-256.",
        );
      }),
    );

  key
    .command("list")
    .description("list an AI system's API keys (ids, labels and prefixes; never the keys)")
    .requiredOption("--system <slug>", "the AI system")
    .action((options: { system: string }, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const system = await systemBySlug(deps.db, options.system);
        const keys = await listKeys(deps.db, system.id);
        if (keys.length === 0) return cli.out(`No API keys for "${system.slug}". Issue one with: countersign key issue --system ${system.slug}`);
        const rows = keys.map((k) => [
          k.id,
          k.label,
          `${k.prefix}…`,
          isoTime(k.createdAt),
          k.revokedAt === null ? "active" : `revoked ${isoTime(k.revokedAt)}`,
        ]);
        for (const line of table([["ID", "LABEL", "PREFIX", "ISSUED", "STATUS"], ...rows])) cli.out(line);
      }),
    );

  key
    .command("revoke")
    .description("revoke an API key at once; requests with it are refused from then on")
    .requiredOption("--key <id>", "the key's id, as shown by key list (key_…)")
    .action((options: { key: string }, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        if (options.key.startsWith("cs_")) {
          throw new CliError("--key takes the key's id (key_…, shown by `key list`), not the secret key itself");
        }
        await revokeApiKey(deps, operator, options.key);
        cli.out(`Revoked API key ${options.key}; requests using it are now refused.`);
      }),
    );
}

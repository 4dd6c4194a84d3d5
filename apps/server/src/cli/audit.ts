import type { Command } from "commander";
import { witnessAdds } from "@countersign/shared/proof";
import { createCheckpoint } from "../audit/checkpoint";
import { signingKeyFor } from "../audit/signing-key";
import { verifyAuditLog } from "../audit/verify";
import { readWitnessFile, type WitnessRecord } from "../audit/witness";
import { CliError, type CliContext } from "./context";

/** `audit verify` and `checkpoint public-key|create`. */
export function registerAuditCommands(program: Command, cli: CliContext) {
  const audit = program.command("audit").helpCommand(false).description("check the append-only, hash-chained audit log");

  audit
    .command("verify")
    .description(
      "recompute every entry's hash and check every signed checkpoint; exits 0 when the whole log verifies, 1 naming the first entry that does not",
    )
    .option("--witness <file>", "also check the log against the checkpoints an outside witness recorded (COUNTERSIGN_WITNESS file)")
    .action((options: { witness?: string }, command: Command) => {
      const witness = options.witness ? witnessRecords(options.witness) : undefined;
      return cli.withDeps(command, "existing", async (deps) => {
        const result = await verifyAuditLog(deps.db, witness ? { witness } : {});
        if (result.ok) {
          cli.out(`audit log verified: ${result.entries} entries, head ${result.head}`);
          cli.out(
            `signed checkpoints verified: ${result.checkpoints}` +
              (witness ? `; the log agrees with all ${result.witnessed} checkpoints in the witness file` : ""),
          );
          cli.out(
            result.unsigned === 0
              ? "not yet covered by a signature: 0 entries (the last checkpoint covers the whole log)"
              : `not yet covered by a signature: ${result.unsigned} entries after the last checkpoint${result.lastCheckpointAt ? ` (signed ${result.lastCheckpointAt})` : ""}; ` +
                  "until the next checkpoint, removing them would leave no trace",
          );
          if (!witness) {
            cli.note(`no witness file given (--witness, the COUNTERSIGN_WITNESS file): ${witnessAdds}`);
          }
          return;
        }
        cli.note(`audit log does NOT verify: entry seq ${result.firstBadSeq} fails: ${result.problem}.`);
        cli.note(`The ${Math.max(0, result.firstBadSeq - 1)} entries before it verify; nothing from entry seq ${result.firstBadSeq} on can be trusted.`);
        cli.fail(1);
      });
    });

  const checkpoint = program.command("checkpoint").helpCommand(false).description("the Ed25519 key that signs the audit log's checkpoints");

  checkpoint
    .command("public-key")
    .description("print the public key (PEM) that verifies checkpoints and proof packs; give it to auditors and witnesses")
    .action((_options: unknown, command: Command) =>
      cli.withDeps(command, "existing", (deps) => {
        const key = signingKeyFor(deps.db);
        outLines(cli, key.publicKeyPem.trimEnd());
        cli.note(`key id (SHA-256 of the public key): ${key.keyId}`);
      }),
    );

  checkpoint
    .command("create")
    .description("sign the log's current size and head now (the server also does this every 100 entries and every minute: COUNTERSIGN_CHECKPOINT_ENTRIES, COUNTERSIGN_CHECKPOINT_MINUTES)")
    .action((_options: unknown, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const created = await createCheckpoint(deps.db, deps.now());
        if (!created) return cli.out("nothing to sign: the last checkpoint already covers the whole log");
        cli.out(`checkpoint #${created.seq}: size ${created.size}, head ${created.head}, at ${created.at}`);
      }),
    );
}

function outLines(cli: CliContext, text: string) {
  for (const line of text.split("\n")) cli.out(line);
}

function witnessRecords(path: string): WitnessRecord[] {
  try {
    return readWitnessFile(path);
  } catch (error) {
    throw new CliError(`cannot read the witness file: ${(error as Error).message}`);
  }
}

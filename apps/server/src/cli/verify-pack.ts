import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { verifyPack } from "../modules/export/verify-pack";
import { CliError, type CliContext } from "./context";

/** `verify-pack <archive>`: checks a proof pack or an incident pack offline; needs no server and no database. */
export function registerVerifyPackCommand(program: Command, cli: CliContext) {
  program
    .command("verify-pack")
    .argument("<archive>", "the proof pack or incident pack (.zip) received")
    .option("--public-key <file>", "the server's public key (PEM), obtained independently of the pack: `countersign checkpoint public-key`")
    .description(
      "verify a proof pack or an incident pack offline: the manifest's signature, every file's SHA-256, the audit log's hash chain (an incident pack: each entry's hash), the signed checkpoints, and each verification (and incident notification) against its audit entry; exits 1 naming the first problem",
    )
    .action(async (archive: string, options: { publicKey?: string }) => {
      let publicKeyPem: string | undefined;
      if (options.publicKey) {
        try {
          publicKeyPem = readFileSync(options.publicKey, "utf8");
        } catch (error) {
          throw new CliError(`cannot read the public key file: ${(error as Error).message}`);
        }
      }
      const verdict = await verifyPack(archive, publicKeyPem ? { publicKeyPem } : {});
      if (!verdict.ok) {
        cli.note(`pack does NOT verify: ${verdict.file}${verdict.line ? ` line ${verdict.line}` : ""}: ${verdict.problem}`);
        cli.fail(1);
        return;
      }
      if (verdict.kind === "incident-pack") {
        const { manifest } = verdict;
        cli.out(
          `incident pack verified: incident ${manifest.incident.id} (${manifest.incident.article}) of ${manifest.system.slug}; ` +
            `${manifest.counts.notifications} notifications, ${manifest.counts.escalations} escalations, ${manifest.counts.verifications} verifications, ` +
            `${manifest.counts.auditEntries} audit entries each matching its hash (key ${manifest.keyId.slice(0, 16)}…)`,
        );
        cli.note(`note: ${manifest.auditScope}`);
      } else {
        const { manifest } = verdict;
        cli.out(
          `proof pack verified: ${manifest.system.slug} from ${manifest.period.from} to ${manifest.period.to}; ` +
            `${manifest.counts.escalations} escalations, ${manifest.counts.verifications} verifications, ${manifest.counts.resolutions} resolutions; ` +
            `audit entries ${manifest.chain.fromSeq}–${manifest.chain.toSeq} with ${manifest.counts.checkpoints} signed checkpoints (key ${manifest.keyId.slice(0, 16)}…)`,
        );
        if (manifest.disclosure) {
          cli.out(
            `audit entries of this system in full: ${manifest.disclosure.ownEntries}; entries of others as hashes only: ${manifest.disclosure.redactedEntries}` +
              (manifest.disclosure.legacyUnlinked > 0 ? ` (${manifest.disclosure.legacyUnlinked} written before the two-level hash: their links are taken as recorded)` : ""),
          );
        }
        if (manifest.witness && !manifest.witness.configured) cli.note(`warning: ${manifest.witness.warning ?? "no witness was configured"} ${manifest.witness.whatItAdds}`);
      }
      if (verdict.keyFromPack) {
        cli.note("note: checked against the public key inside the pack; pass --public-key with a copy obtained from the operator independently to rule out a re-signed pack");
      }
    });
}

import { InvalidArgumentError, type Command } from "commander";
import { eq } from "drizzle-orm";
import { authorities, type Authority } from "@countersign/shared/qualifications";
import { users } from "../db/schema/users";
import { operator } from "../lib/context";
import { grantQualification } from "../modules/qualifications/grant";
import { listQualifications } from "../modules/qualifications/list";
import { systemBySlug } from "../modules/systems/queries";
import { CliError, type CliContext } from "./context";
import { isoTime, table } from "./format";

/** `qualification grant` and `qualification list`: who may review which AI system (EU AI Act Art. 26(2)). */
export function registerQualificationCommands(program: Command, cli: CliContext) {
  const qualification = program
    .command("qualification")
    .helpCommand(false)
    .description("record reviewers' training and authority per AI system; only qualified reviewers can claim its escalations");

  qualification
    .command("grant")
    .description("record a reviewer's training for an AI system and the authority it grants")
    .requiredOption("--email <email>", "the reviewer's sign-in email")
    .requiredOption("--system <slug>", "the AI system, e.g. refund-triage")
    .requiredOption("--training <text>", 'what the training or competence is, e.g. "Refund policy course, 2026"')
    .requiredOption("--expires <date>", "when it expires, ISO 8601, e.g. 2027-11-22T00:00:00Z")
    .option("--obtained <date>", "when it was obtained, ISO 8601 (default: now)")
    .option("--authority <list>", `comma-separated, from: ${authorities.join(", ")}`, parseAuthority, ["review", "override"] as Authority[])
    .action(
      (options: { email: string; system: string; training: string; expires: string; obtained?: string; authority: Authority[] }, command: Command) =>
        cli.withDeps(command, "existing", async (deps) => {
          const user = await deps.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, options.email.trim().toLowerCase())).get();
          if (!user) throw new CliError(`no user with email ${options.email}; see countersign user list`);
          const system = await systemBySlug(deps.db, options.system);
          const granted = await grantQualification(deps, operator, {
            userId: user.id,
            systemId: system.id,
            training: options.training,
            obtainedAt: options.obtained ?? new Date(deps.now()).toISOString(),
            expiresAt: options.expires,
            authority: options.authority,
          });
          cli.out(
            `${user.name} is qualified for ${system.slug} until ${isoTime(granted.expiresAt)} with authority ${granted.authority.join(", ")}.`,
          );
          cli.out(`Qualification id: ${granted.id}`);
        }),
    );

  qualification
    .command("list")
    .description("list qualifications (in force only, unless --all)")
    .option("--system <slug>", "only this AI system")
    .option("--all", "also expired, revoked and not yet valid ones")
    .action((options: { system?: string; all?: boolean }, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const systemId = options.system ? (await systemBySlug(deps.db, options.system)).id : undefined;
        const rows = await listQualifications(deps.db, deps.now(), { systemId, includeInactive: options.all === true });
        if (rows.length === 0) return cli.out("No qualifications. Grant one with: countersign qualification grant --email … --system … --training … --expires …");
        const lines = rows.map((q) => [q.userEmail, q.systemSlug, q.status, isoTime(q.expiresAt), q.authority.join(","), q.training]);
        for (const line of table([["REVIEWER", "SYSTEM", "STATUS", "EXPIRES", "AUTHORITY", "TRAINING"], ...lines])) cli.out(line);
      }),
    );
}

function parseAuthority(value: string): Authority[] {
  const list = value.split(",").map((a) => a.trim()).filter(Boolean);
  const unknown = list.filter((a) => !(authorities as readonly string[]).includes(a));
  if (unknown.length > 0 || list.length === 0) throw new InvalidArgumentError(`authority must be a comma-separated list from: ${authorities.join(", ")}`);
  return list as Authority[];
}

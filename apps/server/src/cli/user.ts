import { InvalidArgumentError, type Command } from "commander";
import { roles, type Role } from "@countersign/shared/enums";
import { operator } from "../lib/context";
import { createUser } from "../modules/users/create-user";
import { listUsers } from "../modules/users/queries";
import type { CliContext } from "./context";
import { table } from "./format";

/** `user add` and `user list`. */
export function registerUserCommands(program: Command, cli: CliContext) {
  const user = program.command("user").helpCommand(false).description("manage the people who sign in to Countersign");

  user
    .command("add")
    .description("create a user and print their one-time password (shown once)")
    .requiredOption("--email <email>", "the email they sign in with")
    .requiredOption("--name <name>", "their full name, as others see it")
    .requiredOption("--roles <roles>", `comma-separated, from: ${roles.join(", ")}`, parseRoles)
    .action((options: { email: string; name: string; roles: Role[] }, command: Command) =>
      cli.withDeps(command, "create", async (deps) => {
        const created = await createUser(deps, operator, options);
        cli.out(`Created user ${created.name} <${created.email}> with roles ${created.roles.join(", ")}.`);
        cli.out(`User id: ${created.id}`);
        cli.out();
        cli.out("One-time password (shown only this once; Countersign stores only a hash of it):");
        cli.out();
        cli.out(`  ${created.password}`);
        cli.out();
        cli.out("Hand it to the user over a secure channel.");
      }),
    );

  user
    .command("list")
    .description("list every user with their roles")
    .action((_options: unknown, command: Command) =>
      cli.withDeps(command, "existing", async (deps) => {
        const all = await listUsers(deps.db);
        if (all.length === 0) return cli.out("No users yet. Create one with: countersign user add --email … --name … --roles admin");
        const rows = all.map((u) => [u.email, u.name, u.roles.join(","), u.active ? "active" : "deactivated", u.id]);
        for (const line of table([["EMAIL", "NAME", "ROLES", "STATUS", "ID"], ...rows])) cli.out(line);
      }),
    );
}

/** "reviewer, lead" → ["reviewer", "lead"]; an unknown role is a usage error naming the choices. */
function parseRoles(value: string): Role[] {
  const list = value.split(",").map((role) => role.trim().toLowerCase()).filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError(`give at least one role, from: ${roles.join(", ")}`);
  for (const role of list) {
    if (!(roles as readonly string[]).includes(role)) {
      throw new InvalidArgumentError(`"${role}" is not a role; roles are ${roles.join(", ")}`);
    }
  }
  return list as Role[];
}

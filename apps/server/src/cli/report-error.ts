import { CommanderError } from "commander";
import { ZodError } from "zod";
import { AppError, fieldIssues, type FieldIssue } from "../lib/errors";
import { CliError, type CliContext } from "./context";

/**
 * Turns whatever a command threw into readable lines on stderr and an exit code. Mistakes by
 * the operator (usage, validation, domain rules) never show a stack; an unexpected failure
 * shows one only with COUNTERSIGN_DEBUG=1.
 */
export function reportError(error: unknown, cli: CliContext, env: NodeJS.ProcessEnv): number {
  // Commander has already printed its message (or the help) through the configured output.
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof CliError) {
    cli.note(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof AppError) {
    cli.note(`error: ${error.message}`);
    printIssues(cli, error.issues);
    return 1;
  }
  if (error instanceof ZodError) {
    cli.note("error: the input is not valid");
    printIssues(cli, fieldIssues(error.issues));
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  cli.note(`error: ${message}`);
  if (env.COUNTERSIGN_DEBUG && error instanceof Error && error.stack) cli.note(error.stack);
  else cli.note("(set COUNTERSIGN_DEBUG=1 to see where it happened)");
  return 1;
}

function printIssues(cli: CliContext, issues: FieldIssue[]) {
  for (const issue of issues) cli.note(`  ${issue.path}: ${issue.message}`);
}

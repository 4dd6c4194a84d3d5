import { runCli } from "./program";

// `pnpm -s countersign <command>`: the operator CLI. Everything lives in program.ts so tests can run it in-process.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

import type { DemoInfo } from "../../demo/seed";

/**
 * The demo's instructions for the person who started it: sign-ins, password and API key, as
 * plain text on stdout. Deliberately not a log line — a log must never carry credentials — and
 * never printed by a production start (no --demo).
 */
export function printDemoWelcome(url: string, demo: DemoInfo) {
  const lines = [
    "",
    `Demo instance. Sign in at ${url} with any of these (password: ${demo.password}):`,
    ...demo.users.map((user) => `  ${user.email.padEnd(24)} ${user.roles.join(", ")}`),
    "",
    `Demo API key for AI system "${demo.apiKeySystem}":`,
    `  ${demo.apiKey}`,
    "",
    "Try it:",
    `  curl -H "Authorization: Bearer ${demo.apiKey}" ${url}/api/v1/escalations?externalId=${demo.sampleExternalId}`,
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

import type { Deps } from "../lib/context";

export type DemoInfo = {
  password: string;
  users: { email: string; roles: string[] }[];
  apiKeySystem: string;
  apiKey: string;
  sampleExternalId: string;
};

/** Placeholder until the demo data lands. */
export function seedDemoIfEmpty(_deps: Deps, _dbPath: string): DemoInfo | null {
  return null;
}

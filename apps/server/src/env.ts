import { z } from "zod";

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(1, "PORT must be between 1 and 65535")
    .max(65535, "PORT must be between 1 and 65535")
    .default(8787),
  HOST: z.string().trim().min(1, "HOST must not be empty").default("127.0.0.1"),
  COUNTERSIGN_DB: z.string().trim().min(1, "COUNTERSIGN_DB must not be empty").default("./data/countersign.db"),
});
export type Env = z.infer<typeof envSchema>;

/** Reads configuration once; on a bad value, says which variable and which rule, then exits. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  console.error(`Countersign cannot start: the configuration is not valid.\n${lines.join("\n")}`);
  process.exit(2);
}

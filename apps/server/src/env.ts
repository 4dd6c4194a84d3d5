import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";

const witnessRule =
  "COUNTERSIGN_WITNESS must be an https:// URL or a file path whose folder exists (the server appends one JSON line per checkpoint)";

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(1, "PORT must be between 1 and 65535")
    .max(65535, "PORT must be between 1 and 65535")
    .default(8787),
  HOST: z.string().trim().min(1, "HOST must not be empty").default("127.0.0.1"),
  COUNTERSIGN_DB: z.string().trim().min(1, "COUNTERSIGN_DB must not be empty").default("./data/countersign.db"),
  /** Where signed checkpoints are sent: a file (one JSON line each) or an https:// endpoint (POST). Unset: no witness. */
  COUNTERSIGN_WITNESS: z
    .string()
    .trim()
    .refine((value) => {
      if (value === "") return true;
      if (value.includes("://")) return value.startsWith("https://") && URL.canParse(value);
      return existsSync(dirname(resolve(value)));
    }, witnessRule)
    .optional()
    .transform((value) => value || undefined),
  /**
   * The workbench's address as browsers see it (e.g. https://countersign.example.com): mutations
   * must come from this origin. Unset: the origin is taken from each request's Host header.
   */
  COUNTERSIGN_PUBLIC_URL: z
    .string()
    .trim()
    .refine(
      (value) => value === "" || (/^https?:\/\//.test(value) && URL.canParse(value)),
      "COUNTERSIGN_PUBLIC_URL must be an http:// or https:// URL, e.g. https://countersign.example.com",
    )
    .optional()
    .transform((value) => (value ? new URL(value).origin : undefined)),
  /** Behind a reverse proxy: the header it puts the client's address in (e.g. X-Forwarded-For), for per-address sign-in limits. */
  COUNTERSIGN_CLIENT_ADDRESS_HEADER: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]*$/, "COUNTERSIGN_CLIENT_ADDRESS_HEADER must be a header name, e.g. X-Forwarded-For")
    .optional()
    .transform((value) => value || undefined),
  /** A checkpoint is signed once this many audit entries are unsigned… */
  COUNTERSIGN_CHECKPOINT_ENTRIES: z.coerce
    .number({ error: "COUNTERSIGN_CHECKPOINT_ENTRIES must be a number" })
    .int("COUNTERSIGN_CHECKPOINT_ENTRIES must be a whole number")
    .min(1, "COUNTERSIGN_CHECKPOINT_ENTRIES must be between 1 and 100000")
    .max(100_000, "COUNTERSIGN_CHECKPOINT_ENTRIES must be between 1 and 100000")
    .default(100),
  /** …and every this many minutes, whatever is unsigned: at most this much history could vanish unnoticed without a witness. */
  COUNTERSIGN_CHECKPOINT_MINUTES: z.coerce
    .number({ error: "COUNTERSIGN_CHECKPOINT_MINUTES must be a number" })
    .min(0.1, "COUNTERSIGN_CHECKPOINT_MINUTES must be between 0.1 and 1440")
    .max(1440, "COUNTERSIGN_CHECKPOINT_MINUTES must be between 0.1 and 1440")
    .default(1),
  /** Prometheus must send this as a bearer token to read /metrics. Unset: /metrics is open to whoever reaches the port. */
  COUNTERSIGN_METRICS_TOKEN: z
    .string()
    .trim()
    .refine((value) => value === "" || value.length >= 16, "COUNTERSIGN_METRICS_TOKEN must be at least 16 characters (e.g. openssl rand -hex 32)")
    .optional()
    .transform((value) => value || undefined),
  /** How much the JSON log says (lib/logger.ts reads it when the process starts). */
  COUNTERSIGN_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "COUNTERSIGN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .optional(),
  /** On SIGTERM or SIGINT, how long requests in flight may take to finish before their connections are closed. */
  COUNTERSIGN_SHUTDOWN_SECONDS: z.coerce
    .number({ error: "COUNTERSIGN_SHUTDOWN_SECONDS must be a number" })
    .min(0, "COUNTERSIGN_SHUTDOWN_SECONDS must be between 0 and 600")
    .max(600, "COUNTERSIGN_SHUTDOWN_SECONDS must be between 0 and 600")
    .default(10),
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

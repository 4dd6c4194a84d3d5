import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { checkSingleSignOn, singleSignOnVariables } from "./modules/sso/settings";

const witnessRule =
  "COUNTERSIGN_WITNESS must be an https:// URL or a file path whose folder exists (the server appends one JSON line per checkpoint)";

const minutes = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number of minutes`)
    .min(1, `${name} must be between 1 and 10080`)
    .max(10_080, `${name} must be between 1 and 10080`)
    .default(fallback);

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(1, "PORT must be between 1 and 65535")
    .max(65535, "PORT must be between 1 and 65535")
    .default(8787),
  HOST: z.string().trim().min(1, "HOST must not be empty").default("127.0.0.1"),
  COUNTERSIGN_DB: z.string().trim().min(1, "COUNTERSIGN_DB must not be empty").default("./data/countersign.db"),
  /** PostgreSQL instead of the SQLite file: postgres://user:password@host:5432/database. Unset: SQLite (COUNTERSIGN_DB). */
  COUNTERSIGN_DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (value) => value === "" || (/^postgres(ql)?:\/\//i.test(value) && URL.canParse(value)),
      "COUNTERSIGN_DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://countersign:secret@db.internal:5432/countersign",
    )
    .optional()
    .transform((value) => value || undefined),
  /**
   * On PostgreSQL, the checkpoint signing key's file, the same for every server process of the
   * instance (on SQLite it lives beside the database file).
   */
  COUNTERSIGN_SIGNING_KEY_FILE: z.string().trim().min(1, "COUNTERSIGN_SIGNING_KEY_FILE must not be empty").default("./data/countersign-signing-key.pem"),
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
  /** Notifications by email: the SMTP server, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. Unset: no email. */
  COUNTERSIGN_SMTP_URL: z
    .string()
    .trim()
    .refine((value) => value === "" || (/^smtps?:\/\//.test(value) && URL.canParse(value)), "COUNTERSIGN_SMTP_URL must be an smtp:// or smtps:// URL")
    .optional()
    .transform((value) => value || undefined),
  COUNTERSIGN_MAIL_FROM: z.string().trim().min(3, "COUNTERSIGN_MAIL_FROM must be a sender address").default("Countersign <countersign@localhost>"),
  /** An urgent escalation waiting this long (queued, unclaimed) notifies the qualified reviewers. */
  COUNTERSIGN_NOTIFY_URGENT_MINUTES: minutes("COUNTERSIGN_NOTIFY_URGENT_MINUTES", 15),
  /** A due date this close notifies the qualified reviewers (and again once it has passed). */
  COUNTERSIGN_NOTIFY_DUE_MINUTES: minutes("COUNTERSIGN_NOTIFY_DUE_MINUTES", 60),
  /** A qualification expiring within this many days notifies its holder. */
  COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS: z.coerce
    .number({ error: "COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS must be a number" })
    .int("COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS must be a whole number")
    .min(1, "COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS must be between 1 and 365")
    .max(365, "COUNTERSIGN_NOTIFY_QUALIFICATION_DAYS must be between 1 and 365")
    .default(14),
  /** Tests only: accept plain-http chat webhook addresses (a local receiver). */
  COUNTERSIGN_NOTIFY_ALLOW_HTTP: z
    .enum(["", "0", "1"], { error: "COUNTERSIGN_NOTIFY_ALLOW_HTTP must be 1 or unset" })
    .optional()
    .transform((value) => value === "1"),
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
  /** Webhook URLs may reach private, loopback and link-local addresses: only for tests and single-host setups. */
  COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: z
    .enum(["", "0", "1"], { error: "COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE must be 1 (allow) or 0 (refuse, the default)" })
    .optional()
    .transform((value) => value === "1"),
  ...singleSignOnVariables,
})
  // Single sign-on is configured by several variables that only make sense together.
  .superRefine(checkSingleSignOn);
export type Env = z.infer<typeof envSchema>;

/** Reads configuration once; on a bad value, says which variable and which rule, then exits. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  console.error(`Countersign cannot start: the configuration is not valid.\n${lines.join("\n")}`);
  process.exit(2);
}

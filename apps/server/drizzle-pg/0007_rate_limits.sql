-- The counters of the rate limits (sign-in throttling, each API key's requests per minute), shared by
-- every server process on this database so a limit holds across all of them, not per process: the
-- table rate-limiter-flexible's RateLimiterPostgres reads (its own layout), made here so that no
-- process creates tables at run time. A schema of its own: it mirrors no SQLite table (one process
-- on SQLite keeps the counters in memory).
CREATE SCHEMA IF NOT EXISTS "rate_limits";--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "rate_limits"."counters" (
  "key" varchar(255) PRIMARY KEY,
  "points" integer NOT NULL DEFAULT 0,
  "expire" bigint
);

import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { engineOf } from "../db/transaction";

export type LimiterOptions = { keyPrefix: string; points: number; duration: number };

/**
 * Where the counters of every limit live. One instance keeps them in memory; several instances
 * behind one load balancer need a shared store: pass a factory that builds the same limiter on
 * it (rate-limiter-flexible's RateLimiterPostgres takes these options plus a storeClient).
 */
export type LimiterStore = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiterStore: LimiterStore = (options) => new RateLimiterMemory(options);

/**
 * The counters in the PostgreSQL database every server process shares (the table its migration
 * 0007 made), so that N processes behind a load balancer do not allow N times the limit.
 */
export function postgresLimiterStore(db: { $client: unknown }): LimiterStore {
  return (options) =>
    new RateLimiterPostgres({ ...options, storeClient: db.$client, storeType: "pool", schemaName: "rate_limits", tableName: "counters", tableCreated: true });
}

/** The store for a database: shared in PostgreSQL, in memory for SQLite's one process. */
export function limiterStoreFor(db: object): LimiterStore {
  return engineOf(db) === "postgres" ? postgresLimiterStore(db as { $client: unknown }) : memoryLimiterStore;
}

/** Every limiter still counts, but nothing is ever refused: for benches and tests that measure something else. */
export const unlimitedLimiterStore: LimiterStore = (options) => new RateLimiterMemory({ ...options, points: Number.MAX_SAFE_INTEGER });

/** rate-limiter-flexible rejects with its result when the points are spent, and with an Error when the store fails. */
export function isLimitReached(outcome: unknown): outcome is RateLimiterRes {
  return !(outcome instanceof Error) && typeof outcome === "object" && outcome !== null && "msBeforeNext" in outcome;
}

/** Whole seconds for a Retry-After header: never 0, so a client always waits a little. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/** "3 minutes", "40 seconds": how long to wait, in words for people. */
export function waitInWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

import type { Db } from "../db/client";

/**
 * What every use case needs: the database, a clock (tests move time; production uses Date.now)
 * and, where chance is part of the product (when and under which name gold copies arrive), a source of it.
 */
export type Deps = {
  db: Db;
  now: () => number;
  random?: () => number;
  /** COUNTERSIGN_WEBHOOK_ALLOW_PRIVATE: webhook URLs may reach private, loopback and link-local addresses (tests, single-host setups). */
  allowPrivateWebhookUrls?: boolean;
};

export type Actor =
  | { type: "user"; id: string }
  | { type: "ai_system"; id: string }
  | { type: "operator"; id?: undefined }
  | { type: "server"; id?: undefined };

export const operator: Actor = { type: "operator" };
export const server: Actor = { type: "server" };

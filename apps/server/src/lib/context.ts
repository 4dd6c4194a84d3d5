import type { Db } from "../db/client";

/** What every use case needs: the database and a clock (tests move time; production uses Date.now). */
export type Deps = { db: Db; now: () => number };

export type Actor =
  | { type: "user"; id: string }
  | { type: "ai_system"; id: string }
  | { type: "operator"; id?: undefined }
  | { type: "server"; id?: undefined };

export const operator: Actor = { type: "operator" };
export const server: Actor = { type: "server" };

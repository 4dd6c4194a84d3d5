import pg from "pg";

/**
 * Empties one PostgreSQL database for an end-to-end run on PostgreSQL (e2e/playwright.config.ts):
 * drops it, closing whatever is still connected, and creates it again, so the demo seeds a fresh
 * instance as it does on a fresh SQLite file. Tests only.
 */
const [databaseUrl] = process.argv.slice(2);
if (!databaseUrl) throw new Error("usage: fresh-database-main.ts postgres://…/<database>");
const target = new URL(databaseUrl);
const name = decodeURIComponent(target.pathname.slice(1));
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
const server = new URL(target);
server.pathname = "/postgres";
const client = new pg.Client({ connectionString: server.toString() });
await client.connect();
try {
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
} finally {
  await client.end();
}

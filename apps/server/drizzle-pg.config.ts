import { defineConfig } from "drizzle-kit";

// The PostgreSQL migrations, generated from src/db/pg/schema (the SQLite ones: drizzle.config.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/pg/schema/index.ts",
  out: "./drizzle-pg",
});

import { afterAll } from "vitest";
import { dropTestDatabases } from "../db/pg/test-database";

// Each test file removes the PostgreSQL databases it made (SQLite's are temporary files).
afterAll(dropTestDatabases);

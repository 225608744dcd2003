import { DEFAULT_DATABASE_URL } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { scratchDatabase } from "./database";

// One fresh, migrated database per run, named so parallel runs never collide.
// Test workers are started after this and inherit DATABASE_URL.
export default async function setUp() {
  process.env.TEST_DATABASE_SERVER_URL ??= process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const database = scratchDatabase("podium_test");
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  return database.drop;
}

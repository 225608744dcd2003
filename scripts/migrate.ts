// Usage: npm run db:migrate
// Creates the database named in DATABASE_URL if it is missing and applies
// every pending migration in prisma/migrations.
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";

const applied = await applyMigrations(env.DATABASE_URL);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");

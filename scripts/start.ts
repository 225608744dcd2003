// Usage: npm start          (install, generate, migrate, build, serve on PORT)
//        npm run dev        (the same with hot reload and no build)
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { ensureDatabaseServer } from "./database-server";
import { runOrExit } from "./run-command";

const isDev = process.argv.includes("--dev");

const databaseUrl = await ensureDatabaseServer(env.DATABASE_URL);
const childEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: isDev ? "development" : "production" } as const;

await runOrExit("npx", ["--no-install", "tsx", "scripts/generate.ts"]);
const applied = await applyMigrations(databaseUrl);
console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
if (!isDev) await runOrExit("npx", ["--no-install", "next", "build"], { env: childEnv });

// server.ts replaces this process in spirit: signals go to it, its exit code is ours.
await runOrExit("node", ["--import", "tsx", "server.ts"], { env: childEnv });

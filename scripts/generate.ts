// Usage: npm run db:generate
// Runs `prisma generate`. Prisma's CLI insists on locating a schema-engine
// binary even though generate never runs it; where that binary cannot be
// downloaded, PRISMA_SCHEMA_ENGINE_BINARY pointing at any existing file lets
// generate proceed.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);

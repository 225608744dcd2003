// Usage: npm run db:generate
// Runs `prisma generate`. Prisma's CLI insists on locating a schema-engine
// binary even though generate never runs it; where that binary cannot be
// downloaded, PRISMA_SCHEMA_ENGINE_BINARY pointing at any existing file lets
// generate proceed.
import { spawnSync } from "./child-process.mjs";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env });
if (result.error) console.error(`prisma generate could not start: ${result.error.message}`);
process.exit(result.status ?? 1);

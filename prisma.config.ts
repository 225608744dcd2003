import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./lib/database-url";

// Read by the Prisma CLI only (generate, and migrate deploy where its engines
// can be downloaded). The app itself connects through lib/db.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  },
});

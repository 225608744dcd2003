import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { parseDatabaseUrl } from "./database-url";
import { env } from "./env";
import { PrismaClient } from "./generated/prisma/client";

// One client per process. server.ts and the code Next bundles are separate
// module graphs, and dev mode reloads modules, so the client is cached on
// globalThis: every importer gets the same pool instead of opening a new one.
const globalForPrisma = globalThis as unknown as { podiumPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaMariaDb({ ...parseDatabaseUrl(env.DATABASE_URL), connectionLimit: 10 });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.podiumPrisma ?? createClient();
globalForPrisma.podiumPrisma = db;

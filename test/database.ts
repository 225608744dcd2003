import { randomBytes } from "node:crypto";
import mariadb, { type Connection } from "mariadb";
import { dropDatabase } from "../lib/database-admin";
import { parseDatabaseUrl, withDatabase } from "../lib/database-url";

/** The server the run's database lives on, for tests that need a database of their own. */
export function serverUrl(): string {
  return process.env.TEST_DATABASE_SERVER_URL ?? process.env.DATABASE_URL!;
}

/** A new, empty database name on the test server, and a function that drops it. */
export function scratchDatabase(prefix: string) {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(serverUrl(), name);
  return { name, url, drop: () => dropDatabase(url) };
}

/** A raw driver connection (no Prisma) to one database, so tests check the database itself. */
export async function connect(url: string): Promise<Connection> {
  return mariadb.createConnection(parseDatabaseUrl(url));
}

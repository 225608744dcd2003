import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import mariadb, { type Connection } from "mariadb";
import { parseDatabaseUrl } from "../database-url";

// Applies prisma/migrations the way `prisma migrate deploy` does, through the
// mariadb driver, because Prisma's schema engine cannot be downloaded here.
// It keeps the same bookkeeping (_prisma_migrations, checksum = sha256 hex of
// migration.sql), so either tool can take over from the other.

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Prisma's own definition of its bookkeeping table (MySQL flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4`;

type Migration = { name: string; sql: string; checksum: string; acceptedChecksums: string[] };
type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const lock = readFileSync(path.join(dir, "migration_lock.toml"), "utf8");
  if (!/^provider\s*=\s*"mysql"/m.test(lock)) throw new Error(`${dir}/migration_lock.toml is not for provider "mysql".`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      const text = bytes.toString("utf8");
      // Like Prisma, a checkout that turned LF into CRLF (or back) is not an edit.
      const lf = Buffer.from(text.replace(/\r\n/g, "\n"));
      const crlf = Buffer.from(text.replace(/\r?\n/g, "\r\n"));
      return { name, sql: text, checksum: sha256(bytes), acceptedChecksums: [sha256(bytes), sha256(lf), sha256(crlf)] };
    });
}

/** Creates the database if missing and applies pending migrations. Returns the names applied now. */
export async function applyMigrations(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { database, ...server } = parseDatabaseUrl(databaseUrl);
  const connection = await mariadb.createConnection({ ...server, multipleStatements: true });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await connection.query(`USE \`${database}\``);
    // The same advisory lock as Prisma's migrate, so neither tool runs beside the other.
    const [lock] = await connection.query("SELECT GET_LOCK('prisma_migrate', 10) AS acquired");
    if (Number(lock.acquired) !== 1) throw new Error("Another process is migrating this database; try again.");
    await connection.query(CREATE_MIGRATIONS_TABLE);
    const rows: AppliedRow[] = await connection.query(
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at",
    );
    // As Prisma does: any unfinished, un-rolled-back migration stops everything.
    const failed = rows.find((row) => !row.finished_at);
    if (failed) {
      throw new Error(`Migration ${failed.migration_name} failed earlier and left the database half-migrated. Fix the database by hand, then mark it rolled back (set rolled_back_at) or delete its row from _prisma_migrations.`);
    }
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const appliedNow: string[] = [];
    for (const migration of readMigrations(dir)) {
      const previous = applied.get(migration.name);
      if (previous) {
        // Stricter than `prisma migrate deploy`, which only warns: an edited migration means the schemas have drifted.
        if (!migration.acceptedChecksums.includes(previous.checksum)) {
          throw new Error(`Migration ${migration.name} was edited after it was applied (checksum differs). Add a new migration instead.`);
        }
        continue;
      }
      await applyOne(connection, migration);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await connection.end();
  }
}

async function applyOne(connection: Connection, migration: Migration) {
  const id = randomUUID();
  await connection.query(
    "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, NOW(3), 0)",
    [id, migration.checksum, migration.name],
  );
  try {
    await connection.query(migration.sql);
  } catch (error) {
    await connection.query("UPDATE _prisma_migrations SET logs = ? WHERE id = ?", [String(error), id]);
    throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
  }
  await connection.query("UPDATE _prisma_migrations SET finished_at = NOW(3), applied_steps_count = 1 WHERE id = ?", [id]);
}

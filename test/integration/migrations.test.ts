import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/lib/migrations/apply-migrations";
import { connect, scratchDatabase } from "../database";

// Prisma's own _prisma_migrations (MySQL flavour), column by column.
const PRISMA_MIGRATIONS_TABLE = [
  { name: "id", type: "varchar(36)", nullable: "NO", columnKey: "PRI" },
  { name: "checksum", type: "varchar(64)", nullable: "NO", columnKey: "" },
  { name: "finished_at", type: "datetime(3)", nullable: "YES", columnKey: "" },
  { name: "migration_name", type: "varchar(255)", nullable: "NO", columnKey: "" },
  { name: "logs", type: "text", nullable: "YES", columnKey: "" },
  { name: "rolled_back_at", type: "datetime(3)", nullable: "YES", columnKey: "" },
  { name: "started_at", type: "datetime(3)", nullable: "NO", columnKey: "" },
  { name: "applied_steps_count", type: "int(10) unsigned", nullable: "NO", columnKey: "" },
];

describe("npm run db:migrate", () => {
  const dropAfter: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const drop of dropAfter.splice(0)) await drop();
  });

  function freshDatabase() {
    const database = scratchDatabase("podium_migrate");
    dropAfter.push(database.drop);
    return database;
  }

  it("creates a missing database, applies every migration and records it exactly as Prisma does", async () => {
    const database = freshDatabase();
    const names = readMigrations().map((migration) => migration.name);
    expect(await applyMigrations(database.url)).toEqual(names);

    const connection = await connect(database.url);
    const rows = await connection.query("SELECT * FROM _prisma_migrations ORDER BY migration_name");
    const [charset] = await connection.query("SELECT DEFAULT_CHARACTER_SET_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()");
    const bookkeeping = await connection.query(
      "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_KEY AS columnKey FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_prisma_migrations' ORDER BY ORDINAL_POSITION",
    );
    await connection.end();

    expect(charset.name).toBe("utf8mb4");
    expect(bookkeeping).toEqual(PRISMA_MIGRATIONS_TABLE);
    expect(rows.map((row: { migration_name: string }) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const database = freshDatabase();
    await applyMigrations(database.url);
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it("applies only the new migration when one is added", async () => {
    const database = freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "podium-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(database.url, dir);
    mkdirSync(path.join(dir, "99991231000000_add_note"));
    writeFileSync(path.join(dir, "99991231000000_add_note", "migration.sql"), "ALTER TABLE `users` ADD COLUMN `note` VARCHAR(20) NULL;\n");
    expect(await applyMigrations(database.url, dir)).toEqual(["99991231000000_add_note"]);
  });

  it("refuses to go on when an applied migration was edited", async () => {
    const database = freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "podium-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(database.url, dir);
    const first = readMigrations(dir)[0];
    writeFileSync(path.join(dir, first.name, "migration.sql"), first.sql + "\n-- edited\n");
    await expect(applyMigrations(database.url, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("accepts a migration whose line endings a checkout changed to CRLF", async () => {
    const database = freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "podium-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(database.url, dir);
    for (const migration of readMigrations(dir)) {
      writeFileSync(path.join(dir, migration.name, "migration.sql"), migration.sql.replace(/\r?\n/g, "\r\n"));
    }
    expect(await applyMigrations(database.url, dir)).toEqual([]);
  });

  it("records a failed migration and refuses to continue past it", async () => {
    const database = freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "podium-migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, "99991231000000_broken"));
    writeFileSync(path.join(dir, "99991231000000_broken", "migration.sql"), "ALTER TABLE `no_such_table` ADD COLUMN `x` INT;\n");
    await expect(applyMigrations(database.url, dir)).rejects.toThrow(/99991231000000_broken failed/);

    const connection = await connect(database.url);
    const [row] = await connection.query("SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '99991231000000_broken'");
    await connection.end();
    expect(row.finished_at).toBeNull();
    expect(row.logs).toMatch(/no_such_table/);
    await expect(applyMigrations(database.url, dir)).rejects.toThrow(/failed earlier/);
  });
});

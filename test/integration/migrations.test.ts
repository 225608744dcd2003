import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Connection } from "mariadb";
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

describe("the events migration on a database with data", () => {
  it("moves every row into a first event, featured and live, and every count matches", async () => {
    const database = scratchDatabase("podium_upgrade");
    try {
      // Today's schema: every migration before events.
      const before = mkdtempSync(path.join(tmpdir(), "podium-migrations-"));
      cpSync(MIGRATIONS_DIR, before, { recursive: true });
      const eventsMigration = readMigrations().find((migration) => migration.name.endsWith("_events"))!;
      rmSync(path.join(before, eventsMigration.name), { recursive: true });
      for (const later of readMigrations(before).filter((migration) => migration.name > eventsMigration.name)) rmSync(path.join(before, later.name), { recursive: true });
      await applyMigrations(database.url, before);

      const connection = await connect(database.url);
      await connection.query(
        `INSERT INTO users (id, name, email, phone, role, created_at) VALUES
           (1, 'Ada', 'ada@example.com', '+15550001', 'viewer', '2026-11-01 09:00:00.000'),
           (2, 'Bo', 'bo@example.com', '+15550002', 'viewer', '2026-11-02 10:30:00.000'),
           (3, 'Mo', 'mo@example.com', NULL, 'moderator', '2026-10-01 08:00:00.000')`,
      );
      await connection.query(
        `INSERT INTO chat_messages (user_id, user_name, message, created_at, is_hidden, client_id) VALUES
           (1, 'Ada', 'hello', '2026-11-03 18:00:00.000', false, 'c1'), (2, 'Bo', 'hi', '2026-11-03 18:01:00.000', true, 'c1'), (1, 'Ada', 'again', '2026-11-03 18:02:00.000', false, NULL)`,
      );
      await connection.query(`INSERT INTO questions (id, user_id, user_name, question_text, status, votes, created_at) VALUES (1, 1, 'Ada', 'Why?', 'approved', 1, '2026-11-03 18:03:00.000'), (2, 2, 'Bo', 'How?', 'pending', 0, '2026-11-03 18:04:00.000')`);
      await connection.query("INSERT INTO question_votes (question_id, user_id) VALUES (1, 2)");
      await connection.query(
        `INSERT INTO session_analytics (user_id, start_time, last_ping, total_minutes, is_open) VALUES
           (1, '2026-11-03 17:59:00.000', '2026-11-03 18:30:00.000', 31, NULL), (1, '2026-11-04 18:00:00.000', '2026-11-04 18:05:00.000', 5, true), (2, '2026-11-03 18:00:00.000', '2026-11-03 18:10:00.000', 10, true)`,
      );
      const countsBefore = await tableCounts(connection);

      expect(await applyMigrations(database.url)).toContain(eventsMigration.name);

      expect(await tableCounts(connection)).toEqual(countsBefore);
      const events = await connection.query("SELECT id, slug, state, is_featured AS isFeatured, DATE_FORMAT(starts_at, '%Y-%m-%d %H:%i') AS startsAt, stream_url AS streamUrl, archived_at AS archivedAt FROM events");
      expect(events).toEqual([{ id: 1, slug: "first-event", state: "live", isFeatured: 1, startsAt: "2026-11-01 09:00", streamUrl: "", archivedAt: null }]);
      for (const table of ["chat_messages", "questions", "session_analytics"]) {
        const [row] = await connection.query(`SELECT COUNT(*) AS total, SUM(event_id = 1) AS first FROM ${table}`);
        expect(Number(row.first), table).toBe(Number(row.total));
      }
      // Every viewer registered for it on the day they registered; staff are not registrants.
      const registrations = await connection.query("SELECT event_id AS eventId, user_id AS userId, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') AS createdAt FROM registrations ORDER BY user_id");
      expect(registrations).toEqual([
        { eventId: 1, userId: 1, createdAt: "2026-11-01 09:00" },
        { eventId: 1, userId: 2, createdAt: "2026-11-02 10:30" },
      ]);
      // The open sessions stay open, one per person per event.
      const [open] = await connection.query("SELECT COUNT(*) AS count FROM session_analytics WHERE is_open = true AND event_id = 1");
      expect(Number(open.count)).toBe(2);
      await connection.end();
    } finally {
      await database.drop();
    }
  });
});

async function tableCounts(connection: Connection) {
  const counts: Record<string, number> = {};
  for (const table of ["users", "chat_messages", "questions", "question_votes", "session_analytics", "ended_sessions"]) {
    const [row] = await connection.query(`SELECT COUNT(*) AS count FROM ${table}`);
    counts[table] = Number(row.count);
  }
  return counts;
}

describe("the chat_seq migration on a database with data", () => {
  it("numbers each event's existing messages 1, 2, 3… in id order, and new ones go on from there", async () => {
    const database = scratchDatabase("podium_upgrade_seq");
    try {
      const before = mkdtempSync(path.join(tmpdir(), "podium-migrations-"));
      cpSync(MIGRATIONS_DIR, before, { recursive: true });
      for (const later of readMigrations(before).filter((migration) => migration.name >= "20261207000000_chat_seq")) rmSync(path.join(before, later.name), { recursive: true });
      await applyMigrations(database.url, before);

      const connection = await connect(database.url);
      await connection.query("INSERT INTO users (id, name, email, phone) VALUES (1, 'Ada', 'ada@example.com', '1')");
      await connection.query("INSERT INTO events (id, slug, title, starts_at) VALUES (10, 'ten', 'Ten', NOW(3)), (11, 'eleven', 'Eleven', NOW(3)), (12, 'empty', 'Empty', NOW(3))");
      // Interleaved between two events, one hidden: each event counts only its own.
      for (const [eventId, isHidden] of [[10, 0], [11, 0], [10, 1], [10, 0], [11, 0]]) {
        await connection.query("INSERT INTO chat_messages (event_id, user_id, user_name, message, is_hidden) VALUES (?, 1, 'Ada', 'm', ?)", [eventId, isHidden]);
      }
      await applyMigrations(database.url);
      const rows: { event_id: number; seq: number }[] = await connection.query("SELECT event_id, seq FROM chat_messages ORDER BY id");
      expect(rows.map((row) => [row.event_id, row.seq])).toEqual([[10, 1], [11, 1], [10, 2], [10, 3], [11, 2]]);
      const events: { id: number; last_chat_seq: number }[] = await connection.query("SELECT id, last_chat_seq FROM events WHERE id IN (10, 11, 12) ORDER BY id");
      expect(events.map((event) => event.last_chat_seq)).toEqual([3, 2, 0]);
      const [next] = await connection.query("INSERT INTO chat_messages (event_id, user_id, user_name, message) VALUES (10, 1, 'Ada', 'new') RETURNING seq");
      expect(next.seq).toBe(4);
      await connection.end();
    } finally {
      await database.drop();
    }
  });
});

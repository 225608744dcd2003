import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyMigrations } from "@/lib/migrations/apply-migrations";
import { connect, scratchDatabase } from "../database";

// Reports against a database of their own, seeded with data whose answers are
// known by hand. The report modules read DATABASE_URL when first imported, so
// they are imported only after it points at this database.
const database = scratchDatabase("podium_reports");
let reports: typeof import("@/lib/reports/report-definitions");
let pages: typeof import("@/lib/reports/fetch-report-page");
let summaries: typeof import("@/lib/reports/report-summary");
let csv: typeof import("@/lib/reports/stream-csv");

const ATTENDEES = [
  { id: 1, name: 'Ann, "The" Analyst', email: "ann@example.com", phone: "+441234567", created: "2026-11-20 09:00:00.000" },
  { id: 2, name: "Bob\nNewline", email: "bob@example.com", phone: "5550001111", created: "2026-11-21 09:00:00.000" },
  { id: 3, name: "=SUM(A1:A9)", email: "formula@example.com", phone: "5550002222", created: "2026-11-22 09:00:00.000" },
  { id: 4, name: "Zoë 🎤 Ñúñez", email: "zoe@example.com", phone: "5550003333", created: "2026-11-23 09:00:00.000" },
  { id: 5, name: "@handle", email: "handle_50%@example.com", phone: "5550004444", created: "2026-11-24 09:00:00.000" },
];
// [user, start, last ping, minutes] on 2026-11-24, UTC. Peak: 3 viewers at 10:20 (Ann, Bob, Zoë).
const SESSIONS: [number, string, string, number][] = [
  [1, "10:00", "10:30", 30],
  [1, "11:00", "11:10", 10],
  [2, "10:15", "10:45", 30],
  [4, "10:20", "10:25", 5],
  [3, "10:40", "11:05", 25],
];
const FILLERS = 30;
const at = (time: string) => `2026-11-24 ${time}:00.000`;

beforeAll(async () => {
  await applyMigrations(database.url);
  const connection = await connect(database.url);
  for (const person of ATTENDEES) {
    await connection.query("INSERT INTO users (id, name, email, phone, created_at) VALUES (?, ?, ?, ?, ?)", [person.id, person.name, person.email, person.phone, person.created]);
  }
  for (let index = 1; index <= FILLERS; index++) {
    const padded = String(index).padStart(2, "0");
    await connection.query("INSERT INTO users (name, email, phone, created_at) VALUES (?, ?, ?, ?)", [`Filler ${padded}`, `filler${padded}@example.com`, "5559990000", "2026-11-01 08:00:00.000"]);
  }
  await connection.query("INSERT INTO users (name, email, role, password_hash) VALUES ('Staff Admin', 'admin@example.com', 'admin', 'x')");
  for (const [userId, start, last, minutes] of SESSIONS) {
    await connection.query("INSERT INTO session_analytics (user_id, start_time, last_ping, total_minutes) VALUES (?, ?, ?, ?)", [userId, at(start), at(last), minutes]);
  }
  await connection.end();
  process.env.DATABASE_URL = database.url;
  reports = await import("@/lib/reports/report-definitions");
  pages = await import("@/lib/reports/fetch-report-page");
  summaries = await import("@/lib/reports/report-summary");
  csv = await import("@/lib/reports/stream-csv");
});

afterAll(async () => {
  await (await import("@/lib/reports/report-db")).reportPool.end();
  await database.drop();
});

describe("summary", () => {
  it("counts what the seed implies", async () => {
    const summary = await summaries.getReportSummary();
    expect(summary).toMatchObject({ registered: ATTENDEES.length + FILLERS, uniqueViewers: 4, totalMinutes: 100, averageMinutes: 25, watchingNow: 0 });
    expect(summary.peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
  });

  it("charts concurrent viewers minute by minute", async () => {
    const { series, bucketSeconds } = await summaries.getReportSummary();
    expect(bucketSeconds).toBe(60);
    expect(series).toHaveLength(71);
    const viewersAt = (minute: number) => series[minute].viewers;
    expect([viewersAt(0), viewersAt(15), viewersAt(20), viewersAt(26), viewersAt(40), viewersAt(50), viewersAt(62), viewersAt(70)]).toEqual([1, 2, 3, 2, 2, 1, 2, 1]);
  });
});

describe("tables", () => {
  it("registered users: every value, newest first by default, staff left out", async () => {
    const params = reports.usersReport.params({});
    const page = await pages.fetchReportPage(reports.usersReport.query(params), params, reports.usersReport.toRow);
    expect(page.total).toBe(ATTENDEES.length + FILLERS);
    expect(page.rows.slice(0, 5)).toEqual(
      [...ATTENDEES].reverse().map((person) => ({ id: person.id, name: person.name, email: person.email, phone: person.phone, registeredAt: person.created.replace(" ", "T") + "Z" })),
    );
  });

  it("sorts by any column in both directions", async () => {
    const names = async (sort: string, dir: string) => {
      const params = reports.usersReport.params({ sort, dir, q: "example.com", size: "25" });
      return (await pages.fetchReportPage(reports.usersReport.query(params), params, reports.usersReport.toRow)).rows.map((row) => row.email);
    };
    expect((await names("email", "asc")).slice(0, 3)).toEqual(["ann@example.com", "bob@example.com", "filler01@example.com"]);
    expect((await names("phone", "desc"))[0]).toMatch(/^filler/);
    const sessions = reports.sessionsReport.params({ sort: "minutes", dir: "asc" });
    const rows = (await pages.fetchReportPage(reports.sessionsReport.query(sessions), sessions, reports.sessionsReport.toRow)).rows;
    expect(rows.map((row) => row.minutes)).toEqual([5, 10, 25, 30, 30]);
  });

  it("every sort key of every table orders by its own column, both ways", async () => {
    // What each key must sort by, written out here rather than read from the code under test.
    const expected = {
      users: { report: reports.usersReport, keys: { name: "name", email: "email", phone: "phone", registered: "registeredAt" } },
      sessions: { report: reports.sessionsReport, keys: { name: "name", loginTime: "loginTime", lastActive: "lastActive", minutes: "minutes" } },
      people: { report: reports.peopleReport, keys: { name: "name", sessions: "sessions", firstJoin: "firstJoin", lastActive: "lastActive", minutes: "minutes" } },
    };
    const connection = await connect(database.url);
    try {
      for (const [table, { report, keys }] of Object.entries(expected)) {
        for (const [key, field] of Object.entries(keys)) {
          for (const dir of ["asc", "desc"] as const) {
            const params = (report.params as (search: Record<string, string>) => Parameters<typeof report.query>[0])({ sort: key, dir, size: "250" });
            const page = await pages.fetchReportPage((report.query as (p: unknown) => ReturnType<typeof report.query>)(params), params, report.toRow as (raw: Record<string, unknown>) => Record<string, unknown>);
            const values = page.rows.map((row) => row[field]);
            const where = `${table} by ${key} ${dir}`;
            if (typeof values[0] === "number" || field.endsWith("At") || field.endsWith("Time") || field.endsWith("Active") || field.endsWith("Join")) {
              const sorted = [...values].sort((a, b) => (a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1));
              expect(values, where).toEqual(dir === "asc" ? sorted : sorted.reverse());
            } else {
              // Text follows the database's collation; ask it for the order of the same values.
              const ordered: { value: string }[] = await connection.query(
                `SELECT value FROM JSON_TABLE(?, '$[*]' COLUMNS (value VARCHAR(300) COLLATE utf8mb4_unicode_ci PATH '$')) t ORDER BY value ${dir}`,
                [JSON.stringify(values)],
              );
              expect(values, where).toEqual(ordered.map((row) => row.value));
            }
          }
        }
      }
    } finally {
      await connection.end();
    }
  });

  it("searches name or email, case-insensitively, with % and _ taken literally", async () => {
    const emails = async (q: string) => {
      const params = reports.usersReport.params({ q });
      return (await pages.fetchReportPage(reports.usersReport.query(params), params, reports.usersReport.toRow)).rows.map((row) => row.email);
    };
    expect(await emails("ANALYST")).toEqual(["ann@example.com"]);
    expect(await emails("zoë")).toEqual(["zoe@example.com"]);
    expect(await emails("_50%")).toEqual(["handle_50%@example.com"]);
    expect(await emails("%")).toEqual(["handle_50%@example.com"]);
    expect(await emails("nobody")).toEqual([]);
  });

  it("pages with the chosen size", async () => {
    const params = reports.usersReport.params({ sort: "email", dir: "asc", size: "25", page: "2" });
    const page = await pages.fetchReportPage(reports.usersReport.query(params), params, reports.usersReport.toRow);
    expect([page.total, page.pageCount, page.page, page.rows.length]).toEqual([35, 2, 2, 10]);
    expect(page.rows[0].email).toBe("filler24@example.com");
  });

  it("analytics: one row per session, and per person with sessions added up", async () => {
    const sessions = reports.sessionsReport.params({ sort: "loginTime", dir: "asc" });
    const rows = (await pages.fetchReportPage(reports.sessionsReport.query(sessions), sessions, reports.sessionsReport.toRow)).rows;
    expect(rows.map((row) => [row.name, row.loginTime, row.lastActive, row.minutes])).toEqual(
      [...SESSIONS]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([userId, start, last, minutes]) => [ATTENDEES[userId - 1].name, `2026-11-24T${start}:00.000Z`, `2026-11-24T${last}:00.000Z`, minutes]),
    );
    const people = reports.peopleReport.params({});
    const totals = (await pages.fetchReportPage(reports.peopleReport.query(people), people, reports.peopleReport.toRow)).rows;
    expect(totals.map((row) => [row.name, row.sessions, row.firstJoin, row.lastActive, row.minutes])).toEqual([
      ['Ann, "The" Analyst', 2, "2026-11-24T10:00:00.000Z", "2026-11-24T11:10:00.000Z", 40],
      ["Bob\nNewline", 1, "2026-11-24T10:15:00.000Z", "2026-11-24T10:45:00.000Z", 30],
      ["=SUM(A1:A9)", 1, "2026-11-24T10:40:00.000Z", "2026-11-24T11:05:00.000Z", 25],
      ["Zoë 🎤 Ñúñez", 1, "2026-11-24T10:20:00.000Z", "2026-11-24T10:25:00.000Z", 5],
    ]);
  });
});

/** The exported bytes as text, keeping the BOM (Response.text() would drop it). */
async function readCsv(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
}

describe("CSV exports", () => {
  it("equal the database row for row: BOM, RFC 4180 quoting, UTC times, formulas neutralised", async () => {
    const params = reports.usersReport.params({ sort: "email", dir: "asc", size: "25" });
    const text = await readCsv(await csv.streamCsv(reports.usersReport.query(params), reports.usersReport.toRow, reports.usersReport.columns));
    expect(text.startsWith("\uFEFFName,Email,Phone,Reg Date (UTC)\r\n")).toBe(true);
    expect(text).toContain('"Ann, ""The"" Analyst",ann@example.com,\'+441234567,2026-11-20T09:00:00.000Z\r\n');
    // A line break inside a cell is quoted, so no spreadsheet reads it as a new row.
    expect(text).toContain('"Bob\nNewline",bob@example.com,');
    const records: string[][] = parse(text, { bom: true });
    expect(records).toHaveLength(1 + ATTENDEES.length + FILLERS);
    const connection = await connect(database.url);
    const rows: { name: string; email: string; phone: string; registered: string }[] = await connection.query(
      "SELECT name, email, phone, CONCAT(DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%s.'), LPAD(FLOOR(MICROSECOND(created_at) / 1000), 3, '0'), 'Z') AS registered FROM users WHERE role = 'viewer' ORDER BY email, id",
    );
    await connection.end();
    const unNeutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    expect(records.slice(1).map(([name, email, phone, registered]) => ({ name: unNeutralise(name), email, phone: unNeutralise(phone), registered }))).toEqual(rows);
    const byEmail = new Map(records.map((record) => [record[1], record]));
    expect(byEmail.get("formula@example.com")![0]).toBe("'=SUM(A1:A9)");
    expect(byEmail.get("handle_50%@example.com")![0]).toBe("'@handle");
    expect(byEmail.get("bob@example.com")![0]).toBe("Bob\nNewline");
    expect(byEmail.get("zoe@example.com")![0]).toBe("Zoë 🎤 Ñúñez");
  });

  it("honour the search and sort of the page, and export every row (no paging)", async () => {
    const params = reports.sessionsReport.params({ q: "ann", sort: "minutes", dir: "desc", size: "25", page: "9" });
    const records: string[][] = parse(await readCsv(await csv.streamCsv(reports.sessionsReport.query(params), reports.sessionsReport.toRow, reports.sessionsReport.columns)), { bom: true });
    expect(records).toEqual([
      ["User Name", "Email", "Login Time (UTC)", "Last Active (UTC)", "Total Minutes Watched"],
      ['Ann, "The" Analyst', "ann@example.com", "2026-11-24T10:00:00.000Z", "2026-11-24T10:30:00.000Z", "30"],
      ['Ann, "The" Analyst', "ann@example.com", "2026-11-24T11:00:00.000Z", "2026-11-24T11:10:00.000Z", "10"],
    ]);
    const people: string[][] = parse(await readCsv(await csv.streamCsv(reports.peopleReport.query(reports.peopleReport.params({})), reports.peopleReport.toRow, reports.peopleReport.columns)), { bom: true });
    expect(people[1]).toEqual(['Ann, "The" Analyst', "ann@example.com", "2", "2026-11-24T10:00:00.000Z", "2026-11-24T11:10:00.000Z", "40"]);
    expect(people).toHaveLength(5);
  });
});

describe("export robustness", () => {
  it("a download cancelled half-way gives its database connection back, and the next export works", async () => {
    const { exportPool } = await import("@/lib/reports/report-db");
    // 200,000 generated rows, far more than one batch, so the cancel lands mid-stream.
    const big = { select: "SELECT seq AS id, CONCAT('Person ', seq) AS name FROM seq_1_to_200000", count: "", values: [] };
    for (let attempt = 0; attempt < 5; attempt++) {
      const reader = (await csv.streamCsv(big, (raw) => raw, [{ header: "Name", value: (row: Record<string, unknown>) => String(row.name) }])).getReader();
      await reader.read();
      await reader.cancel();
    }
    await expect.poll(() => exportPool.activeConnections(), { timeout: 5_000 }).toBe(0);
    const params = reports.usersReport.params({});
    const text = await readCsv(await csv.streamCsv(reports.usersReport.query(params), reports.usersReport.toRow, reports.usersReport.columns));
    expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThan(ATTENDEES.length + FILLERS);
  });

  it("a fourth export at once is told the pool is busy; when one ends, the next export runs", async () => {
    const { exportPool, isPoolBusy } = await import("@/lib/reports/report-db");
    const big = { select: "SELECT seq AS id, CONCAT('Person ', seq) AS name FROM seq_1_to_200000", count: "", values: [] };
    const column = [{ header: "Name", value: (row: Record<string, unknown>) => String(row.name) }];
    // Three downloads that nobody reads: each holds its connection, held back by the unread stream.
    const readers = await Promise.all([0, 1, 2].map(async () => (await csv.streamCsv(big, (raw) => raw, column)).getReader()));
    await Promise.all(readers.map((reader) => reader.read()));
    expect(exportPool.activeConnections()).toBe(3);
    const refused = await csv.streamCsv(big, (raw) => raw, column).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isPoolBusy(refused)).toBe(true);
    expect(isPoolBusy(new Error("Table 'users' doesn't exist"))).toBe(false);
    await readers[0].cancel();
    const params = reports.usersReport.params({});
    const text = await readCsv(await csv.streamCsv(reports.usersReport.query(params), reports.usersReport.toRow, reports.usersReport.columns));
    expect(text.startsWith("\uFEFFName,Email,Phone,Reg Date (UTC)\r\n")).toBe(true);
    await Promise.all(readers.slice(1).map((reader) => reader.cancel()));
    await expect.poll(() => exportPool.activeConnections(), { timeout: 5_000 }).toBe(0);
  });

  it("a page past the end shows the last page", async () => {
    const params = reports.usersReport.params({ page: "999", size: "25" });
    const page = await pages.fetchReportPage(reports.usersReport.query(params), params, reports.usersReport.toRow);
    expect([page.page, page.pageCount, page.rows.length]).toEqual([2, 2, 10]);
  });
});

describe("summary during the event", () => {
  it("keeps the figures fresh and reuses the chart and peak for up to 10 s after the data changes", async () => {
    expect((await summaries.getReportSummary()).peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
    // @handle joins at 10:21 while Ann, Bob and Zoë watch: 4 at once.
    const connection = await connect(database.url);
    const { insertId } = await connection.query("INSERT INTO session_analytics (user_id, start_time, last_ping, total_minutes) VALUES (5, ?, ?, 2)", [at("10:21"), at("10:23")]);
    try {
      const soon = await summaries.getReportSummary();
      expect(soon).toMatchObject({ uniqueViewers: 5, totalMinutes: 102 });
      expect(soon.peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + 10_001);
      const later = await summaries.getReportSummary();
      expect(later.peak).toEqual({ viewers: 4, at: "2026-11-24T10:21:00.000Z" });
      expect(later.series[21].viewers).toBe(4);
    } finally {
      vi.useRealTimers();
      await connection.query("DELETE FROM session_analytics WHERE id = ?", [insertId]);
      await connection.end();
    }
  });
});

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import mariadb from "mariadb";
import { NextRequest } from "next/server";
import { applyMigrations } from "@/lib/migrations/apply-migrations";
import { freePort } from "@/scripts/free-port";
import { connect, scratchDatabase } from "../database";

// exportReport is a route handler: server-only, and behind the admin check. Who may export is
// proven end to end (e2e/admin-browses-reports.spec.ts); here the check lets the test through.
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth", () => ({ authorizeRoute: async () => ({ user: { id: 1, role: "admin" } }) }));

// Reports against a database of their own, seeded with data whose answers are
// known by hand. The report modules read DATABASE_URL when first imported, so
// they are imported only after it points at this database.
const database = scratchDatabase("podium_reports");
let reports: typeof import("@/lib/reports/report-definitions");
let pages: typeof import("@/lib/reports/fetch-report-page");
let summaries: typeof import("@/lib/reports/report-summary");
let csv: typeof import("@/lib/reports/stream-csv");

// Reports read one event at a time. The first event (made by the migration, featured) holds the
// data below; a second event shares two of its people and overlaps it in time, and an archived
// third holds one more session, so any figure, row or CSV line that crossed events would show.
const FIRST = 1;
const SECOND = 2;
const ARCHIVED = 3;

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

// The second event: Ann and Zoë registered again (on other days), and Sam only here.
// Peak 3 at 10:10 (Ann, Zoë, Sam); at the same moment the first event has 1 (Ann).
const SAM = { id: 6, name: "Sam Second", email: "sam@example.com", phone: "5550005555", created: "2026-11-25 08:00:00.000" };
const SECOND_REGISTRATIONS: [number, string][] = [
  [1, "2026-11-25 09:00:00.000"],
  [4, "2026-11-25 09:30:00.000"],
  [SAM.id, SAM.created],
];
const SECOND_SESSIONS: [number, string, string, number][] = [
  [1, "10:05", "10:50", 45],
  [4, "10:10", "10:30", 20],
  [SAM.id, "10:10", "10:12", 2],
];

beforeAll(async () => {
  await applyMigrations(database.url);
  const connection = await connect(database.url);
  await connection.query("UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?", [at("10:00"), at("11:30"), FIRST]);
  await connection.query("INSERT INTO events (id, slug, title, starts_at, state) VALUES (?, 'second-event', 'Second event', ?, 'live')", [SECOND, at("10:05")]);
  await connection.query("INSERT INTO events (id, slug, title, starts_at, state, archived_at) VALUES (?, 'old-talk', 'Old talk', '2026-01-01 10:00:00', 'ended', '2026-02-01 10:00:00')", [ARCHIVED]);
  // Accounts are older than any registration: the Reg Date must come from the registration.
  for (const person of [...ATTENDEES, SAM]) {
    await connection.query("INSERT INTO users (id, name, email, phone, created_at) VALUES (?, ?, ?, ?, '2026-01-01 00:00:00.000')", [person.id, person.name, person.email, person.phone]);
  }
  for (const person of ATTENDEES) await connection.query("INSERT INTO registrations (event_id, user_id, created_at) VALUES (?, ?, ?)", [FIRST, person.id, person.created]);
  for (let index = 1; index <= FILLERS; index++) {
    const padded = String(index).padStart(2, "0");
    const { insertId } = await connection.query("INSERT INTO users (name, email, phone, created_at) VALUES (?, ?, ?, ?)", [`Filler ${padded}`, `filler${padded}@example.com`, "5559990000", "2026-11-01 08:00:00.000"]);
    await connection.query("INSERT INTO registrations (event_id, user_id, created_at) VALUES (?, ?, '2026-11-01 08:00:00.000')", [FIRST, insertId]);
  }
  // A staff account with a registration (an attendee later made staff) is still not a registrant.
  const { insertId: staffId } = await connection.query("INSERT INTO users (name, email, role, password_hash) VALUES ('Staff Admin', 'admin@example.com', 'admin', 'x')");
  await connection.query("INSERT INTO registrations (event_id, user_id) VALUES (?, ?), (?, ?)", [FIRST, staffId, SECOND, staffId]);
  for (const [userId, start, last, minutes] of SESSIONS) {
    await connection.query("INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes) VALUES (?, ?, ?, ?, ?)", [FIRST, userId, at(start), at(last), minutes]);
  }
  for (const [userId, created] of SECOND_REGISTRATIONS) await connection.query("INSERT INTO registrations (event_id, user_id, created_at) VALUES (?, ?, ?)", [SECOND, userId, created]);
  for (const [userId, start, last, minutes] of SECOND_SESSIONS) {
    await connection.query("INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes) VALUES (?, ?, ?, ?, ?)", [SECOND, userId, at(start), at(last), minutes]);
  }
  await connection.query("INSERT INTO registrations (event_id, user_id, created_at) VALUES (?, 2, '2026-01-01 09:00:00')", [ARCHIVED]);
  await connection.query("INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes) VALUES (?, 2, ?, ?, 50)", [ARCHIVED, at("10:00"), at("10:50")]);
  await connection.query("ANALYZE TABLE users, registrations, session_analytics, events");
  await connection.end();
  process.env.DATABASE_URL = database.url;
  reports = await import("@/lib/reports/report-definitions");
  pages = await import("@/lib/reports/fetch-report-page");
  summaries = await import("@/lib/reports/report-summary");
  csv = await import("@/lib/reports/stream-csv");
});

afterAll(async () => {
  const { exportPool, reportPool } = await import("@/lib/reports/report-db");
  await Promise.all([reportPool.end(), exportPool.end()]);
  await database.drop();
});

describe("summary", () => {
  it("counts what the seed implies", async () => {
    const summary = await summaries.getReportSummary(FIRST);
    expect(summary).toMatchObject({ registered: ATTENDEES.length + FILLERS, uniqueViewers: 4, totalMinutes: 100, averageMinutes: 25, watchingNow: 0 });
    expect(summary.peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
  });

  it("charts concurrent viewers minute by minute", async () => {
    const { series, bucketSeconds } = await summaries.getReportSummary(FIRST);
    expect(bucketSeconds).toBe(60);
    expect(series).toHaveLength(71);
    const viewersAt = (minute: number) => series[minute].viewers;
    expect([viewersAt(0), viewersAt(15), viewersAt(20), viewersAt(26), viewersAt(40), viewersAt(50), viewersAt(62), viewersAt(70)]).toEqual([1, 2, 3, 2, 2, 1, 2, 1]);
  });
});

describe("tables", () => {
  it("registered users: every value, Reg Date of the registration, newest first by default, staff left out", async () => {
    const params = reports.usersReport.params({});
    const page = await pages.fetchReportPage(reports.usersReport.query(FIRST, params), params, reports.usersReport.toRow);
    expect(page.total).toBe(ATTENDEES.length + FILLERS);
    expect(page.rows.slice(0, 5)).toEqual(
      [...ATTENDEES].reverse().map((person) => ({ id: person.id, name: person.name, email: person.email, phone: person.phone, registeredAt: person.created.replace(" ", "T") + "Z" })),
    );
  });

  it("sorts by any column in both directions", async () => {
    const names = async (sort: string, dir: string) => {
      const params = reports.usersReport.params({ sort, dir, q: "example.com", size: "25" });
      return (await pages.fetchReportPage(reports.usersReport.query(FIRST, params), params, reports.usersReport.toRow)).rows.map((row) => row.email);
    };
    expect((await names("email", "asc")).slice(0, 3)).toEqual(["ann@example.com", "bob@example.com", "filler01@example.com"]);
    expect((await names("phone", "desc"))[0]).toMatch(/^filler/);
    const sessions = reports.sessionsReport.params({ sort: "minutes", dir: "asc" });
    const rows = (await pages.fetchReportPage(reports.sessionsReport.query(FIRST, sessions), sessions, reports.sessionsReport.toRow)).rows;
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
            const params = (report.params as (search: Record<string, string>) => Parameters<typeof report.query>[1])({ sort: key, dir, size: "250" });
            const page = await pages.fetchReportPage((report.query as (eventId: number, p: unknown) => ReturnType<typeof report.query>)(FIRST, params), params, report.toRow as (raw: Record<string, unknown>) => Record<string, unknown>);
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
      return (await pages.fetchReportPage(reports.usersReport.query(FIRST, params), params, reports.usersReport.toRow)).rows.map((row) => row.email);
    };
    expect(await emails("ANALYST")).toEqual(["ann@example.com"]);
    expect(await emails("zoë")).toEqual(["zoe@example.com"]);
    expect(await emails("_50%")).toEqual(["handle_50%@example.com"]);
    expect(await emails("%")).toEqual(["handle_50%@example.com"]);
    expect(await emails("nobody")).toEqual([]);
  });

  it("pages with the chosen size", async () => {
    const params = reports.usersReport.params({ sort: "email", dir: "asc", size: "25", page: "2" });
    const page = await pages.fetchReportPage(reports.usersReport.query(FIRST, params), params, reports.usersReport.toRow);
    expect([page.total, page.pageCount, page.page, page.rows.length]).toEqual([35, 2, 2, 10]);
    expect(page.rows[0].email).toBe("filler24@example.com");
  });

  it("analytics: one row per session, and per person with sessions added up", async () => {
    const sessions = reports.sessionsReport.params({ sort: "loginTime", dir: "asc" });
    const rows = (await pages.fetchReportPage(reports.sessionsReport.query(FIRST, sessions), sessions, reports.sessionsReport.toRow)).rows;
    expect(rows.map((row) => [row.name, row.loginTime, row.lastActive, row.minutes])).toEqual(
      [...SESSIONS]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([userId, start, last, minutes]) => [ATTENDEES[userId - 1].name, `2026-11-24T${start}:00.000Z`, `2026-11-24T${last}:00.000Z`, minutes]),
    );
    const people = reports.peopleReport.params({});
    const totals = (await pages.fetchReportPage(reports.peopleReport.query(FIRST, people), people, reports.peopleReport.toRow)).rows;
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
    const text = await readCsv(await csv.streamCsv(reports.usersReport.query(FIRST, params), reports.usersReport.toRow, reports.usersReport.columns));
    expect(text.startsWith("\uFEFFName,Email,Phone,Reg Date (UTC)\r\n")).toBe(true);
    expect(text).toContain('"Ann, ""The"" Analyst",ann@example.com,\'+441234567,2026-11-20T09:00:00.000Z\r\n');
    // A line break inside a cell is quoted, so no spreadsheet reads it as a new row.
    expect(text).toContain('"Bob\nNewline",bob@example.com,');
    const records: string[][] = parse(text, { bom: true });
    expect(records).toHaveLength(1 + ATTENDEES.length + FILLERS);
    const connection = await connect(database.url);
    const rows: { name: string; email: string; phone: string; registered: string }[] = await connection.query(
      `SELECT u.name, u.email, u.phone, CONCAT(DATE_FORMAT(r.created_at, '%Y-%m-%dT%H:%i:%s.'), LPAD(FLOOR(MICROSECOND(r.created_at) / 1000), 3, '0'), 'Z') AS registered
         FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.event_id = ${FIRST} AND u.role = 'viewer' ORDER BY u.email, u.id`,
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
    const records: string[][] = parse(await readCsv(await csv.streamCsv(reports.sessionsReport.query(FIRST, params), reports.sessionsReport.toRow, reports.sessionsReport.columns)), { bom: true });
    expect(records).toEqual([
      ["User Name", "Email", "Login Time (UTC)", "Last Active (UTC)", "Total Minutes Watched"],
      ['Ann, "The" Analyst', "ann@example.com", "2026-11-24T10:00:00.000Z", "2026-11-24T10:30:00.000Z", "30"],
      ['Ann, "The" Analyst', "ann@example.com", "2026-11-24T11:00:00.000Z", "2026-11-24T11:10:00.000Z", "10"],
    ]);
    const people: string[][] = parse(await readCsv(await csv.streamCsv(reports.peopleReport.query(FIRST, reports.peopleReport.params({})), reports.peopleReport.toRow, reports.peopleReport.columns)), { bom: true });
    expect(people[1]).toEqual(['Ann, "The" Analyst', "ann@example.com", "2", "2026-11-24T10:00:00.000Z", "2026-11-24T11:10:00.000Z", "40"]);
    expect(people).toHaveLength(5);
  });
});

// 200,000 generated rows, far more than one batch, so a download can be stopped or held mid-stream.
const BIG_QUERY = { select: "SELECT seq AS id, CONCAT('Person ', seq) AS name FROM seq_1_to_200000", count: "", values: [] };
const NAME_COLUMN = [{ header: "Name", value: (row: Record<string, unknown>) => String(row.name) }];
const exportRequest = () => new NextRequest("http://127.0.0.1/reports/users/export");

describe("export robustness", () => {
  it("a download cancelled half-way gives its database connection back, and the next export works", async () => {
    const { exportPool } = await import("@/lib/reports/report-db");
    for (let attempt = 0; attempt < 5; attempt++) {
      const reader = (await csv.streamCsv(BIG_QUERY, (raw) => raw, NAME_COLUMN)).getReader();
      await reader.read();
      await reader.cancel();
    }
    await expect.poll(() => exportPool.activeConnections(), { timeout: 5_000 }).toBe(0);
    const params = reports.usersReport.params({});
    const text = await readCsv(await csv.streamCsv(reports.usersReport.query(FIRST, params), reports.usersReport.toRow, reports.usersReport.columns));
    expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThan(ATTENDEES.length + FILLERS);
  });

  it("a fourth export at once gets 503 with Retry-After; when one ends, the next export runs", async () => {
    const { EXPORTS_AT_ONCE, exportPool } = await import("@/lib/reports/report-db");
    const { exportEventReport } = await import("@/lib/reports/export-report");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
    try {
      // Downloads that nobody reads: each holds its connection, held back by the unread stream.
      for (let index = 0; index < EXPORTS_AT_ONCE; index++) {
        readers.push((await csv.streamCsv(BIG_QUERY, (raw) => raw, NAME_COLUMN)).getReader());
        await readers.at(-1)!.read();
      }
      expect(exportPool.activeConnections()).toBe(EXPORTS_AT_ONCE);
      const refused = await exportEventReport(exportRequest(), reports.usersReport, undefined);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(await refused.text()).toBe(`${EXPORTS_AT_ONCE} exports are already running. Try again in a moment.\n`);
      expect(warn).toHaveBeenCalledOnce();

      await readers.shift()!.cancel();
      const accepted = await exportEventReport(exportRequest(), reports.usersReport, undefined);
      expect(accepted.status).toBe(200);
      expect((await readCsv(accepted.body!)).startsWith("\uFEFFName,Email,Phone,Reg Date (UTC)\r\n")).toBe(true);
    } finally {
      warn.mockRestore();
      await Promise.all(readers.map((reader) => reader.cancel()));
    }
    await expect.poll(() => exportPool.activeConnections(), { timeout: 5_000 }).toBe(0);
  });

  it("an export that cannot start for any other reason gets 500 and is logged, and an unreachable database is not 'busy'", async () => {
    const { isPoolBusy } = await import("@/lib/reports/report-db");
    const { exportEventReport } = await import("@/lib/reports/export-report");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const broken = { ...reports.usersReport, query: () => { throw new Error("a report definition bug"); } };
      const response = await exportEventReport(exportRequest(), broken, undefined);
      expect(response.status).toBe(500);
      expect(response.headers.get("retry-after")).toBeNull();
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
    }
    // mariadb's pool also times out when it cannot reach its database at all; that must not read as "busy".
    const unreachable = mariadb.createPool({ host: "127.0.0.1", port: await freePort(), user: "root", connectionLimit: 1, acquireTimeout: 1_000 });
    const error = await unreachable.getConnection().then(() => null, (reason: unknown) => reason);
    await unreachable.end();
    expect((error as { errno?: number }).errno).toBe(45028);
    expect(isPoolBusy(error)).toBe(false);
  });

  it("a page past the end shows the last page", async () => {
    const params = reports.usersReport.params({ page: "999", size: "25" });
    const page = await pages.fetchReportPage(reports.usersReport.query(FIRST, params), params, reports.usersReport.toRow);
    expect([page.page, page.pageCount, page.rows.length]).toEqual([2, 2, 10]);
  });
});

describe("summary during the event", () => {
  it("keeps the figures fresh and reuses the chart and peak for up to 10 s after the data changes", async () => {
    // The clock stands still unless the test moves it, and the chart is computed afresh here.
    vi.useFakeTimers({ toFake: ["Date"] });
    delete (globalThis as { podiumViewersOverTime?: unknown }).podiumViewersOverTime;
    expect((await summaries.getReportSummary(FIRST)).peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
    // @handle joins at 10:21 while Ann, Bob and Zoë watch: 4 at once.
    const connection = await connect(database.url);
    const { insertId } = await connection.query("INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes) VALUES (?, 5, ?, ?, 2)", [FIRST, at("10:21"), at("10:23")]);
    try {
      const soon = await summaries.getReportSummary(FIRST);
      expect(soon).toMatchObject({ uniqueViewers: 5, totalMinutes: 102 });
      expect(soon.peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
      vi.setSystemTime(Date.now() + 10_001);
      const later = await summaries.getReportSummary(FIRST);
      expect(later.peak).toEqual({ viewers: 4, at: "2026-11-24T10:21:00.000Z" });
      expect(later.series[21].viewers).toBe(4);
    } finally {
      vi.useRealTimers();
      delete (globalThis as { podiumViewersOverTime?: unknown }).podiumViewersOverTime;
      await connection.query("DELETE FROM session_analytics WHERE id = ?", [insertId]);
      await connection.end();
    }
  });
});

describe("two events", () => {
  const SECOND_SLUG = "second-event";
  const rowsOf = async <Row>(report: { query: (eventId: number, params: never) => import("@/lib/reports/report-queries").ReportQuery; params: (search: Record<string, string>) => unknown; toRow: (raw: Record<string, unknown>) => Row }, eventId: number, search: Record<string, string> = {}) => {
    const params = report.params({ size: "250", ...search }) as never;
    return (await pages.fetchReportPage(report.query(eventId, params), params as import("@/lib/reports/report-params").ReportParams<string>, report.toRow)).rows;
  };

  const overviewRowsOf = async <Row>(report: { query: (params: never) => import("@/lib/reports/report-queries").ReportQuery; params: (search: Record<string, string>) => unknown; toRow: (raw: Record<string, unknown>) => Row }, search: Record<string, string> = {}) => {
    const params = report.params({ size: "250", ...search }) as never;
    return (await pages.fetchReportPage(report.query(params), params as import("@/lib/reports/report-params").ReportParams<string>, report.toRow)).rows;
  };

  it("each event's summary counts its own registrations, viewers, minutes and peak, however the two overlap", async () => {
    const [first, second, archived] = await Promise.all([summaries.getReportSummary(FIRST), summaries.getReportSummary(SECOND), summaries.getReportSummary(ARCHIVED)]);
    expect(first).toMatchObject({ registered: ATTENDEES.length + FILLERS, uniqueViewers: 4, totalMinutes: 100, averageMinutes: 25 });
    expect(first.peak).toEqual({ viewers: 3, at: "2026-11-24T10:20:00.000Z" });
    expect(second).toMatchObject({ registered: 3, uniqueViewers: 3, totalMinutes: 67, averageMinutes: 22.3 });
    expect(second.peak).toEqual({ viewers: 3, at: "2026-11-24T10:10:00.000Z" });
    // At 10:20 the first event has its 3 and the second 2 (Ann, Zoë): each chart shows only its own.
    expect(first.series[20].viewers).toBe(3);
    expect(second.series.find((point) => point.at === "2026-11-24T10:20:00.000Z")?.viewers).toBe(2);
    expect(second.series[0].at).toBe("2026-11-24T10:05:00.000Z");
    expect(archived).toMatchObject({ registered: 1, uniqueViewers: 1, totalMinutes: 50, peak: { viewers: 1, at: "2026-11-24T10:00:00.000Z" } });
  });

  it("each event's tables list only its own rows, with its own Reg Date", async () => {
    const users = await rowsOf(reports.usersReport, SECOND);
    expect(users.map((row) => [row.email, row.registeredAt])).toEqual([
      ["zoe@example.com", "2026-11-25T09:30:00.000Z"],
      ["ann@example.com", "2026-11-25T09:00:00.000Z"],
      ["sam@example.com", "2026-11-25T08:00:00.000Z"],
    ]);
    expect((await rowsOf(reports.usersReport, FIRST)).map((row) => row.email)).not.toContain("sam@example.com");

    const [firstSessions, secondSessions] = await Promise.all([rowsOf(reports.sessionsReport, FIRST), rowsOf(reports.sessionsReport, SECOND)]);
    expect(secondSessions.map((row) => [row.email, row.minutes]).sort()).toEqual([["ann@example.com", 45], ["sam@example.com", 2], ["zoe@example.com", 20]]);
    expect(firstSessions).toHaveLength(SESSIONS.length);
    const firstIds = new Set(firstSessions.map((row) => row.id));
    expect(secondSessions.filter((row) => firstIds.has(row.id))).toEqual([]);

    const people = await rowsOf(reports.peopleReport, SECOND, { sort: "name", dir: "asc" });
    expect(people.map((row) => [row.name, row.sessions, row.minutes])).toEqual([["Sam Second", 1, 2], ['Ann, "The" Analyst', 1, 45], ["Zoë 🎤 Ñúñez", 1, 20]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    // Searches stay inside the event: Bob watched the first (and the archived) event, not this one.
    expect(await rowsOf(reports.sessionsReport, SECOND, { q: "bob" })).toEqual([]);
    expect(await rowsOf(reports.usersReport, SECOND, { q: "filler" })).toEqual([]);
  });

  it("each event's CSV holds its rows only, in a file named with its slug; an unknown slug is 404", async () => {
    const { exportEventReport } = await import("@/lib/reports/export-report");
    const request = (path: string) => new NextRequest(`http://127.0.0.1${path}`);
    const response = await exportEventReport(request(`/e/${SECOND_SLUG}/reports/analytics/export?sort=minutes&dir=desc`), reports.sessionsReport, SECOND_SLUG);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="podium-second-event-sessions-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.csv"$/);
    const records: string[][] = parse(await readCsv(response.body!), { bom: true });
    expect(records.slice(1).map((record) => [record[1], record[4]])).toEqual([["ann@example.com", "45"], ["zoe@example.com", "20"], ["sam@example.com", "2"]]);

    const featured = await exportEventReport(request("/reports/users/export"), reports.usersReport, undefined);
    expect(featured.headers.get("content-disposition")).toMatch(/filename="podium-first-event-users-/);
    const featuredEmails = (parse(await readCsv(featured.body!), { bom: true }) as string[][]).slice(1).map((record) => record[1]);
    expect(featuredEmails).toHaveLength(ATTENDEES.length + FILLERS);
    expect(featuredEmails).not.toContain("sam@example.com");

    // An archived event's reports stay reachable (to admins); nothing else is found.
    const archived = await exportEventReport(request("/e/old-talk/reports/users/export"), reports.usersReport, "old-talk");
    expect((parse(await readCsv(archived.body!), { bom: true }) as string[][]).slice(1).map((record) => record[1])).toEqual(["bob@example.com"]);
    for (const slug of ["no-such-event", "../first-event", "FIRST-EVENT", "x".repeat(65), ""]) {
      const missing = await exportEventReport(request("/e/x/reports/users/export"), reports.usersReport, slug);
      expect(missing.status, slug).toBe(404);
      expect(await missing.text()).toBe("There is no such event.\n");
    }
  });

  it("the overview has one row per listed event with the figures of its own summary, and leaves archived events out", async () => {
    const rows = await overviewRowsOf(reports.eventsOverview);
    expect(rows.map((row) => row.slug)).toEqual(["second-event", "first-event"]);
    for (const [row, eventId] of [[rows[0], SECOND], [rows[1], FIRST]] as const) {
      const summary = await summaries.getReportSummary(eventId);
      expect(row, `event ${eventId}`).toMatchObject({
        registered: summary.registered,
        viewers: summary.uniqueViewers,
        minutes: summary.totalMinutes,
        averageMinutes: summary.averageMinutes,
        peak: summary.peak.viewers,
      });
    }
    expect(rows[1]).toMatchObject({ title: "First event", isFeatured: true, state: "live", startsAt: "2026-11-24T10:00:00.000Z", endsAt: "2026-11-24T11:30:00.000Z" });
    expect(rows[0]).toMatchObject({ isFeatured: false, endsAt: null });
    const byPeak = await overviewRowsOf(reports.eventsOverview, { sort: "average", dir: "asc", q: "second" });
    expect(byPeak.map((row) => row.slug)).toEqual(["second-event"]);
  });

  it("the person view across events: events attended and minutes in each, archived events left out; its CSV says the same", async () => {
    const rows = await overviewRowsOf(reports.attendeesOverview);
    const summary = rows.map((row) => [row.email, row.events, row.minutes, row.byEvent.map((event) => `${event.slug}=${event.minutes}`).join(" ")]);
    expect(summary).toEqual([
      ["ann@example.com", 2, 85, "first-event=40 second-event=45"],
      ["bob@example.com", 1, 30, "first-event=30"],
      ["zoe@example.com", 2, 25, "first-event=5 second-event=20"],
      ["formula@example.com", 1, 25, "first-event=25"],
      ["sam@example.com", 1, 2, "second-event=2"],
    ]);
    const { exportOverview } = await import("@/lib/reports/export-report");
    const response = await exportOverview(new NextRequest("http://127.0.0.1/reports/events/people/export?q=ann"), reports.attendeesOverview);
    expect(response.headers.get("content-disposition")).toMatch(/filename="podium-events-people-\d{4}-/);
    expect(parse(await readCsv(response.body!), { bom: true })).toEqual([
      ["User Name", "Email", "Events Attended", "Total Minutes Watched", "Minutes per Event"],
      ['Ann, "The" Analyst', "ann@example.com", "2", "85", "first-event: 40; second-event: 45"],
    ]);
    const events = await exportOverview(new NextRequest("http://127.0.0.1/reports/events/export"), reports.eventsOverview);
    expect(events.headers.get("content-disposition")).toMatch(/filename="podium-events-\d{4}-/);
    expect((parse(await readCsv(events.body!), { bom: true }) as string[][]).map((record) => [record[1], ...record.slice(5)])).toEqual([
      ["Link Name", "Registered", "Unique Viewers", "Minutes Watched", "Average Minutes per Viewer", "Peak Concurrent"],
      ["second-event", "3", "3", "67", "22.3", "3"],
      ["first-event", "35", "4", "100", "25", "3"],
    ]);
  });
});

describe("query plans", () => {
  // Each event report reads its own event's rows first, through an index that leads with
  // event_id, never the users table in name order (which would walk every account there is).
  it("every sort of every event report starts from the event's rows by an event_id index", async () => {
    const connection = await connect(database.url);
    try {
      const problems: string[] = [];
      for (const report of [reports.usersReport, reports.sessionsReport, reports.peopleReport]) {
        const sorts = { users: ["name", "email", "phone", "registered"], sessions: ["name", "loginTime", "lastActive", "minutes"], people: ["name", "minutes"] }[report.file]!;
        for (const sort of sorts) {
          const query = (report.query as (eventId: number, params: unknown) => import("@/lib/reports/report-queries").ReportQuery)(SECOND, report.params({ sort }));
          const plan: { table: string; type: string; key: string | null; Extra: string | null }[] = await connection.query(`EXPLAIN ${query.select} LIMIT 50`, query.values);
          const where = `${report.file} by ${sort}: ${plan.map((step) => `${step.table} ${step.type} ${step.key} ${step.Extra ?? ""}`).join(", ")}`;
          const eventRows = plan.find((step) => ["r", "s", "session_analytics"].includes(step.table));
          if (!eventRows || !["ref", "range"].includes(eventRows.type) || !/event|PRIMARY/.test(eventRows.key ?? "")) problems.push(where);
          // Users and sessions: the event's rows are read first (the people report groups them in a derived table first).
          if (report.file !== "people" && plan[0] !== eventRows) problems.push(where);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await connection.end();
    }
  });
});

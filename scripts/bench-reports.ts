// Usage: npm run bench:reports [-- --users 100000 --sessions-per-user 2 --keep --skip-build]
// Seeds a throw-away database with a large event (100,000 registrations and
// 200,000 viewing sessions by default) and a small one (the last 50 of those
// people, 100 sessions) beside it, serves it with the real server.ts
// (production build), and prints how long each report page (of both events and
// the overview) and each full CSV export takes, the server's memory during the
// exports, and the query plans.
import { parseArgs } from "node:util";
import { sealData } from "iron-session";
import mariadb from "mariadb";
import { dropDatabase } from "../lib/database-admin";
import { parseDatabaseUrl, withDatabase } from "../lib/database-url";
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { attendeesQuery, eventsQuery } from "../lib/reports/overview-queries";
import { peopleQuery, sessionsQuery, usersQuery } from "../lib/reports/report-queries";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "../lib/session-options";
import { passwordStamp } from "../lib/users/password-stamp";
import { startServer, stopServer } from "./server-process";
import { ensureDatabaseServer } from "./database-server";
import { freePort } from "./free-port";
import { run } from "./run-command";
import { requireLinux, residentMb } from "../bench/process-usage";

requireLinux("npm run bench:reports");
const { values: options } = parseArgs({ options: { users: { type: "string", default: "100000" }, "sessions-per-user": { type: "string", default: "2" }, keep: { type: "boolean", default: false }, "skip-build": { type: "boolean", default: false } } });
const USERS = Number(options.users);
const PER_USER = Number(options["sessions-per-user"]);
const DIST_DIR = ".next-bench";
// The migration's first event (featured, served at /reports) is the big one; the small one is /e/small-talk.
const BIG = 1;
const SMALL = 2;
const SMALL_PEOPLE = 50;

const serverUrl = await ensureDatabaseServer(env.DATABASE_URL);
const benchUrl = withDatabase(serverUrl, `podium_bench_${Date.now()}`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

console.log(`Seeding ${USERS.toLocaleString("en-GB")} registrations and ${(USERS * PER_USER).toLocaleString("en-GB")} viewing sessions…`);
await applyMigrations(benchUrl);
const connection = await mariadb.createConnection({ ...parseDatabaseUrl(benchUrl), multipleStatements: true });
let started = process.hrtime.bigint();
// MariaDB's Sequence engine (seq_1_to_N) makes the rows in SQL, in seconds.
await connection.query(`
  INSERT INTO users (name, email, phone, created_at)
  SELECT CONCAT(ELT(1 + seq % 8, 'Ann', 'Bob', 'Chloé', 'Dev', 'Eun-ji', 'Farah', 'Gus', 'Zoë'), ' ', ELT(1 + seq % 5, 'Smith', 'Núñez', 'O''Brien', 'Okafor', 'Lee'), ' ', seq),
         CONCAT('viewer', seq, '@bench.example'), CONCAT('+1555', LPAD(seq, 7, '0')),
         TIMESTAMP('2026-11-01 00:00:00') + INTERVAL (seq * 13) SECOND
  FROM seq_1_to_${USERS}`);
const seedUsersMs = ms(started);
started = process.hrtime.bigint();
await connection.query(`INSERT INTO registrations (event_id, user_id, created_at) SELECT ${BIG}, id, created_at FROM users`);
for (let round = 0; round < PER_USER; round++) {
  // A three-hour event; each person's sessions are 3 hours / PER_USER apart so they never overlap.
  await connection.query(`
    INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes)
    SELECT ${BIG}, id, start, start + INTERVAL minutes MINUTE, minutes FROM (
      SELECT id, TIMESTAMP('2026-11-24 18:00:00') + INTERVAL (${round * Math.floor(180 / PER_USER)} * 60 + (id * 7919) % 1800) SECOND AS start,
             (id * 31 + ${round}) % ${Math.floor(180 / PER_USER) - 30} AS minutes
      FROM users) s`);
}
// The small event, the next evening: its registrants are the last people in name order too (Zoë …),
// so a report that read everyone by name to find them would have to walk all of them.
await connection.query(`INSERT INTO events (id, slug, title, starts_at, state) VALUES (${SMALL}, 'small-talk', 'Small talk', '2026-11-25 18:00:00', 'ended')`);
await connection.query(`
  INSERT INTO registrations (event_id, user_id, created_at)
  SELECT ${SMALL}, id, TIMESTAMP('2026-11-25 12:00:00') + INTERVAL id SECOND FROM users ORDER BY name DESC, id DESC LIMIT ${SMALL_PEOPLE}`);
for (const offset of [0, 90]) {
  await connection.query(`
    INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes)
    SELECT ${SMALL}, user_id, TIMESTAMP('2026-11-25 18:00:00') + INTERVAL ${offset} MINUTE, TIMESTAMP('2026-11-25 18:00:00') + INTERVAL ${offset + 40} MINUTE, 40
    FROM registrations WHERE event_id = ${SMALL}`);
}
const seedSessionsMs = ms(started);
await connection.query("ANALYZE TABLE users, registrations, session_analytics, events");
const [admin] = await connection.query("INSERT INTO users (name, email, role, password_hash) VALUES ('Bench Admin', 'admin@bench.example', 'admin', 'scrypt$bench') RETURNING id, password_hash");

console.log("\nQuery plans (EXPLAIN):");
const page = { q: "", page: 1, size: 50 } as const;
for (const [label, query] of [
  ...[BIG, SMALL].flatMap((eventId) => {
    const event = eventId === BIG ? "big event" : "small event";
    return [
      [`${event}: users, newest first`, usersQuery(eventId, { ...page, sort: "registered", dir: "desc" })],
      [`${event}: users, by name`, usersQuery(eventId, { ...page, sort: "name", dir: "asc" })],
      [`${event}: sessions, by login time`, sessionsQuery(eventId, { ...page, sort: "loginTime", dir: "desc" })],
      [`${event}: sessions, by name`, sessionsQuery(eventId, { ...page, sort: "name", dir: "asc" })],
      [`${event}: people, by minutes`, peopleQuery(eventId, { ...page, sort: "minutes", dir: "desc" })],
      [`${event}: users, count for paging`, { select: usersQuery(eventId, { ...page, sort: "name", dir: "asc" }).count, values: [eventId] }],
      [`${event}: sessions, count for paging`, { select: sessionsQuery(eventId, { ...page, sort: "name", dir: "asc" }).count, values: [eventId] }],
      [`${event}: summary, viewers and minutes`, { select: "SELECT COUNT(DISTINCT user_id), SUM(total_minutes), COUNT(*) FROM session_analytics WHERE event_id = ?", values: [eventId] }],
      [`${event}: summary, event range`, { select: "SELECT MIN(start_time), MAX(last_ping) FROM session_analytics WHERE event_id = ?", values: [eventId] }],
    ] as const;
  }),
  ["overview: events", eventsQuery({ ...page, sort: "startsAt", dir: "desc" })],
  ["overview: people across events, by minutes", attendeesQuery({ ...page, sort: "minutes", dir: "desc" })],
] as const) {
  const plan: Record<string, unknown>[] = await connection.query(`EXPLAIN ${query.select}${query.select.includes("ORDER BY") ? " LIMIT 50" : ""}`, query.values);
  console.log(`  ${label}:`);
  for (const step of plan) console.log(`    ${step.table}: type=${step.type} key=${step.key ?? "-"} rows=${step.rows} ${step.Extra ?? ""}`);
}
await connection.end();

console.log(`\nBuilding (${DIST_DIR})…`);
if (!options["skip-build"] && (await run("next", ["build"], { env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST_DIR }, stdio: "ignore" })) !== 0) throw new Error("next build failed");
const port = await freePort();
const server = await startServer(port, { DATABASE_URL: benchUrl, NEXT_DIST_DIR: DIST_DIR, HEARTBEAT_SECONDS: "60" });
const base = `http://127.0.0.1:${port}`;
// A staff session minted with the server's own secret, exactly as /staff would seal it.
const seal = await sealData({ userId: admin.id, isStaffSignIn: true, passwordStamp: passwordStamp(admin.password_hash) }, { password: env.SESSION_SECRET, ttl: SESSION_TTL_SECONDS });
const headers = { cookie: `${SESSION_COOKIE}=${seal}` };

async function timePage(path: string) {
  const times: number[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const start = process.hrtime.bigint();
    const response = await fetch(base + path, { headers, redirect: "manual" });
    const html = await response.text();
    if (response.status !== 200 || !html.includes("Reports")) throw new Error(`${path}: HTTP ${response.status}`);
    times.push(ms(start));
  }
  // The first request warms caches; report the median of the other three.
  return times.slice(1).sort((a, b) => a - b)[1];
}

async function timeExport(path: string) {
  const pid = server.pid!;
  let peak = residentMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, residentMb(pid))), 25);
  const start = process.hrtime.bigint();
  const response = await fetch(base + path, { headers });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const elapsed = ms(start);
  clearInterval(sampler);
  return { elapsed, bytes, rows: lines - 1, peak };
}

try {
  console.log(`\nSeeded in ${(seedUsersMs / 1000).toFixed(1)} s (users) + ${(seedSessionsMs / 1000).toFixed(1)} s (sessions).`);
  console.log("\nReport pages (median of 3 after a warm-up, whole HTML response):");
  for (const path of [
    "/reports/events",
    "/reports/events/people",
    "/reports/events/people?sort=name&dir=asc",
    "/e/small-talk/reports/users?sort=name&dir=asc",
    "/e/small-talk/reports/analytics?sort=name&dir=asc",
    "/e/small-talk/reports/analytics/people",
    "/reports/users",
    "/reports/users?sort=name&dir=asc",
    "/reports/users?sort=phone&dir=desc",
    "/reports/users?q=n%C3%BA%C3%B1ez&sort=name&dir=asc",
    `/reports/users?sort=registered&dir=desc&page=${Math.ceil(USERS / 50)}`,
    "/reports/analytics",
    "/reports/analytics?sort=name&dir=asc",
    "/reports/analytics?sort=minutes&dir=desc&size=250",
    "/reports/analytics/people",
    "/reports/analytics/people?sort=name&dir=asc",
  ]) {
    console.log(`  ${(await timePage(path)).toFixed(0).padStart(6)} ms  ${path}`);
  }
  const idle = residentMb(server.pid!);
  console.log(`\nFull CSV exports (server RSS before: ${idle.toFixed(0)} MB):`);
  for (const path of ["/reports/users/export", "/reports/analytics/export", "/reports/analytics/people/export", "/reports/events/people/export", "/e/small-talk/reports/analytics/export"]) {
    const result = await timeExport(path);
    console.log(
      `  ${(result.elapsed / 1000).toFixed(2).padStart(6)} s  ${result.rows.toLocaleString("en-GB").padStart(8)} rows  ${(result.bytes / 1e6).toFixed(1).padStart(5)} MB  peak RSS ${result.peak.toFixed(0)} MB  ${path}`,
    );
  }
} finally {
  await stopServer(server);
  if (!options.keep) await dropDatabase(benchUrl);
  else console.log(`\nKept ${benchUrl}`);
}

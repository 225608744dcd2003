import { sealData } from "iron-session";
import mariadb from "mariadb";
import { parseDatabaseUrl } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { passwordStamp } from "../lib/users/password-stamp";

/** The server under test gets this secret too, so cookies sealed here open there. */
export const BENCH_SESSION_SECRET = "podium-bench-session-secret-0123456789abcdef0123456789abcdef0123";

// lib/session-options reads lib/env, which would otherwise generate and save a secret of its own.
process.env.SESSION_SECRET = BENCH_SESSION_SECRET;
const { SESSION_COOKIE, SESSION_TTL_SECONDS } = await import("../lib/session-options");

const seal = async (data: object) => `${SESSION_COOKIE}=${await sealData(data, { password: BENCH_SESSION_SECRET, ttl: SESSION_TTL_SECONDS })}`;

/** Attendees never used before, handed out in order: each join storm opens fresh viewing sessions. */
export class ViewerCookies {
  private next = 0;
  constructor(private readonly cookies: string[]) {}

  take(count: number): string[] {
    if (this.next + count > this.cookies.length) throw new Error(`Only ${this.cookies.length - this.next} unused viewers left; ${count} needed.`);
    this.next += count;
    return this.cookies.slice(this.next - count, this.next);
  }
}

/** Migrates the database and creates `viewers` attendees and one admin, with a session cookie for each. */
export async function seedViewers(databaseUrl: string, viewers: number): Promise<{ viewers: ViewerCookies; adminCookie: string }> {
  await applyMigrations(databaseUrl);
  const connection = await mariadb.createConnection(parseDatabaseUrl(databaseUrl));
  try {
    // MariaDB's Sequence engine (seq_1_to_N) makes the rows in one statement.
    await connection.query(`
      INSERT INTO users (name, email, phone)
      SELECT CONCAT('Viewer ', seq), CONCAT('viewer', seq, '@bench.example'), CONCAT('+1555', LPAD(seq, 7, '0'))
      FROM seq_1_to_${viewers}`);
    // Registered for the featured event, the room a handshake without auth.event joins.
    await connection.query("INSERT INTO registrations (event_id, user_id) SELECT e.id, u.id FROM events e JOIN users u ON u.role = 'viewer' WHERE e.is_featured = true");
    const rows: { id: number }[] = await connection.query("SELECT id FROM users WHERE role = 'viewer' ORDER BY id");
    const [admin] = await connection.query(
      "INSERT INTO users (name, email, role, password_hash) VALUES ('Bench Admin', 'admin@bench.example', 'admin', 'scrypt$bench') RETURNING id, password_hash",
    );
    // Attendee sessions hold only the user id (role viewer); staff ones prove a password sign-in, as /staff seals them.
    const cookies = await Promise.all(rows.map((row) => seal({ userId: row.id })));
    const adminCookie = await seal({ userId: admin.id, isStaffSignIn: true, passwordStamp: passwordStamp(admin.password_hash) });
    return { viewers: new ViewerCookies(cookies), adminCookie };
  } finally {
    await connection.end();
  }
}

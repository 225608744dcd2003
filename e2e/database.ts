import mariadb from "mariadb";
import { parseDatabaseUrl } from "../lib/database-url";

/** Runs one query against the end-to-end database, to check what a page really stored. */
export async function query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const connection = await mariadb.createConnection(parseDatabaseUrl(process.env.E2E_DATABASE_URL!));
  try {
    return await connection.query(sql, values);
  } finally {
    await connection.end();
  }
}

export async function usersWithEmail(email: string) {
  return query<{ id: number; name: string; email: string; phone: string; role: string }>(
    "SELECT id, name, email, phone, role FROM users WHERE email = ?",
    [email.trim().toLowerCase()],
  );
}

export async function usersNamed(name: string) {
  return query<{ id: number; email: string }>("SELECT id, email FROM users WHERE name = ?", [name]);
}

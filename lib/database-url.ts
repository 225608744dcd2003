export const DEFAULT_DATABASE_URL = "mysql://root@127.0.0.1:3306/podium";

export type DatabaseConnection = { host: string; port: number; user: string; password: string; database: string };

/** Splits mysql://user:password@host:port/database into the driver's options. */
export function parseDatabaseUrl(url: string): DatabaseConnection {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new Error(`DATABASE_URL names no database: ${url}`);
  if (!/^[A-Za-z0-9_$-]+$/.test(database)) throw new Error(`DATABASE_URL has an unusual database name: ${database}`);
  return {
    host: parsed.hostname || "127.0.0.1",
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** The URL with its password replaced, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

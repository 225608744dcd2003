import mariadb from "mariadb";
import { parseDatabaseUrl } from "./database-url";

/** Drops the database a URL names (test and tooling use only; the app never drops anything). */
export async function dropDatabase(url: string) {
  const { database, ...server } = parseDatabaseUrl(url);
  const connection = await mariadb.createConnection(server);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

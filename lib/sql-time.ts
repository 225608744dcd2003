// DATETIME(3) values are stored in UTC and read as text (the pools set
// dateStrings), so the conversions both ways live here.

/** "2026-11-24 21:55:54.076" (DATETIME(3), stored in UTC) → "2026-11-24T21:55:54.076Z". */
export function utcIso(value: string | null): string | null {
  if (!value) return null;
  const [date, time = "00:00:00"] = value.split(" ");
  const [clock, fraction = "0"] = time.split(".");
  return `${date}T${clock}.${fraction.padEnd(3, "0").slice(0, 3)}Z`;
}

/** A Date as the text MariaDB stores and returns for DATETIME(3): "2026-11-24 21:55:54.076". */
export function toSqlTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

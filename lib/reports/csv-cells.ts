// Pure rules for exported cells (unit-tested in test/unit/report-rules.test.ts).

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage
 * return before one) as a formula. Such cells get a leading apostrophe, the
 * OWASP-recommended neutraliser: shown as text, nothing executes. Phone numbers
 * like +15550100 are affected too, and stay readable.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * podium-spring-keynote-users-2026-11-24T21-05-09Z.csv: the event's slug (none for the
 * overview across events), the report, and the export time in UTC, safe in every file system.
 */
export function exportFileName(report: string, now: Date, slug?: string): string {
  return `podium-${slug ? `${slug}-` : ""}${report}-${now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-")}.csv`;
}

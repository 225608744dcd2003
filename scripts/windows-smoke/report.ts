// How the Windows smoke test reports: one line per step, PASS or FAIL with its
// seconds and why, and the tally at the end.

/** A failure that Wine causes and real Windows would not: reported, never fatal. */
export class WineLimitation extends Error {}

type Outcome = "PASS" | "FAIL" | "FAIL (Wine limitation)";
const results: { name: string; outcome: Outcome }[] = [];

/** Runs one step, prints its line, and returns its detail (null when it failed). */
export async function step(name: string, run: () => Promise<string> | string): Promise<string | null> {
  const started = Date.now();
  let outcome: Outcome = "PASS";
  let detail: string;
  try {
    detail = await run();
  } catch (error) {
    outcome = error instanceof WineLimitation ? "FAIL (Wine limitation)" : "FAIL";
    detail = (error as Error).message;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${outcome.padEnd(22)} ${name.padEnd(34)} ${seconds.padStart(6)} s  ${detail}`);
  results.push({ name, outcome });
  return outcome === "PASS" ? detail : null;
}

/** The last line: "N passed, N failed", and whether the run failed. */
export function summary(): { line: string; hasFailed: boolean } {
  const failed = results.filter((result) => result.outcome === "FAIL");
  const limited = results.filter((result) => result.outcome === "FAIL (Wine limitation)");
  const line = `${results.length - failed.length - limited.length} passed, ${failed.length} failed` + (limited.length ? ` (${limited.length} more failed only because of Wine)` : "");
  return { line, hasFailed: failed.length > 0 };
}

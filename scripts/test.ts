// Usage: npm test              (typecheck, lint, unit + integration, build, end-to-end)
//        npm run test:e2e      (build and end-to-end only; `-- <playwright args>` to pick specs)
// Ends with one line "N passed, N failed" summed over every runner; exits 1 if anything failed.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { E2E_STAFF } from "../e2e/staff-accounts";
import { ensureDatabaseServer } from "./database-server";
import { freePort } from "./free-port";
import { run } from "./run-command";

const RESULTS_DIR = path.join(".data", "test-results");
// A build of its own, so a running `npm start` keeps serving its .next. Several
// e2e runs at once (one per person working) each name their own.
const TEST_DIST_DIR = process.env.PODIUM_TEST_DIST_DIR || ".next-test";
const OWN_FLAGS = ["--e2e-only", "--reuse-build"];
const isE2eOnly = process.argv.includes("--e2e-only");
// Anything that is not one of this script's flags goes to Playwright, e.g. `npm run test:e2e -- -g "ping flood"`
// (npm drops the `--`) or `npm run test:e2e -- --reuse-build -- --no-deps e2e/sessions.spec.ts`.
const playwrightArgs = process.argv.slice(2).filter((arg) => !OWN_FLAGS.includes(arg) && arg !== "--");
const tally = { passed: 0, failed: 0 };

function count(label: string, passed: number, failed: number) {
  tally.passed += passed;
  tally.failed += failed;
  console.log(`\n▸ ${label}: ${passed} passed, ${failed} failed\n`);
}

/** A check that is one pass or one fail (typecheck, lint, build). */
async function check(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  console.log(`\n▸ ${label}: ${command} ${args.join(" ")}`);
  const code = await run(command, args, { env: { ...process.env, ...extraEnv } });
  count(label, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  return code === 0;
}

function readJson<Shape>(file: string): Shape | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Shape) : null;
}

rmSync(RESULTS_DIR, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });
const serverUrl = await ensureDatabaseServer(env.DATABASE_URL);
/** A tool from node_modules (tsx, vitest, playwright) against this run's database server. */
const runTool = (command: string, args: string[], extraEnv: Record<string, string> = {}) =>
  run(command, args, { env: { ...process.env, DATABASE_URL: serverUrl, ...extraEnv } });

if ((await runTool("tsx", ["scripts/generate.ts"])) !== 0) count("prisma generate", 0, 1);

if (!isE2eOnly) {
  await check("typecheck", "npm", ["run", "--silent", "typecheck"]);
  await check("lint", "npm", ["run", "--silent", "lint"]);

  const vitestJson = path.join(RESULTS_DIR, "vitest.json");
  const code = await runTool("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], { TEST_DATABASE_SERVER_URL: serverUrl });
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestJson);
  // A run that failed without failing a test (a file that cannot load, a set-up error) still counts as a failure.
  const failed = (report?.numFailedTests ?? 0) || (code !== 0 ? 1 : 0);
  count("unit + integration (vitest)", report?.numPassedTests ?? 0, failed);
}

// `--reuse-build` skips the build when that directory already holds one (re-running a spec).
const isBuilt = process.argv.includes("--reuse-build") && existsSync(path.join(TEST_DIST_DIR, "BUILD_ID")) ? true : await check("build", "next", ["build"], { NODE_ENV: "production", NEXT_DIST_DIR: TEST_DIST_DIR });
if (isBuilt) {
  const e2eUrl = withDatabase(serverUrl, `podium_e2e_${Date.now()}`);
  try {
    await applyMigrations(e2eUrl);
    // Staff accounts are made with the real command, as a person would.
    for (const account of Object.values(E2E_STAFF)) {
      const args = ["scripts/staff.ts", "--email", account.email, "--name", account.name, "--role", account.role, "--password", account.password];
      if ((await runTool("tsx", args, { DATABASE_URL: e2eUrl })) !== 0) throw new Error(`npm run staff failed for ${account.email}`);
    }
    const playwrightJson = path.join(RESULTS_DIR, "playwright.json");
    const port = await freePort();
    const code = await runTool("playwright", ["test", ...playwrightArgs], {
      E2E_DATABASE_URL: e2eUrl,
      E2E_PORT: String(port),
      NEXT_DIST_DIR: TEST_DIST_DIR,
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    });
    const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number }; errors?: unknown[] }>(playwrightJson);
    const passed = report ? report.stats.expected + report.stats.flaky : 0;
    // The server failing to start or a spec failing to load leaves "unexpected" at 0: count it anyway.
    const failed = (report?.stats.unexpected ?? 0) || (code !== 0 || report?.errors?.length ? 1 : 0);
    count("end-to-end (playwright)", passed, failed);
  } catch (error) {
    console.error(error);
    count("end-to-end (playwright)", 0, 1);
  } finally {
    await dropDatabase(e2eUrl).catch((error) => console.error("Dropping the end-to-end database failed:", error));
  }
}

// NODE_ENV=production npm start in a fresh copy of what would be committed: install, build, serve, SIGTERM.
if (!isE2eOnly) await check("production start on a clean clone", "tsx", ["scripts/check-production-start.ts"], { DATABASE_URL: serverUrl });

console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);

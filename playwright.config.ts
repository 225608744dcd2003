import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from "./e2e/chromium";

// Run through `npm test` or `npm run test:e2e`: scripts/test.ts creates a fresh,
// migrated database with staff accounts and picks a free port, then Playwright
// starts the real server.ts (production build) against them.
const databaseUrl = process.env.E2E_DATABASE_URL;
const port = Number(process.env.E2E_PORT ?? 0);
if (!databaseUrl || !port) throw new Error("Run the end-to-end tests with `npm run test:e2e` (it prepares their database and port).");

const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Specs with several browsers at once take 10–15 s on this 2-core machine; the longest (several
  // browsers, axe scans, thirty report rows) take up to 50 s when the machine is busy: leave room for a busy CI.
  timeout: 90_000,
  expect: { timeout: 5_000 },
  reporter: [["list"], ["json"]],
  // Every other spec runs in events of its own (e2e/events.ts), so they share no
  // room and run in parallel. Specs named *.solo.spec.ts count every row in the
  // database, flood or stop the server, or change the featured event, so they
  // run one at a time after every other spec.
  projects: [
    { name: "main", testIgnore: /\.solo\.spec\.ts$/ },
    { name: "solo", testMatch: /\.solo\.spec\.ts$/, dependencies: ["main"], fullyParallel: false, workers: 1 },
  ],
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: SYSTEM_CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: "node --import tsx server.ts",
    url: `${baseURL}/stream`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: { NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: databaseUrl, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next", HEARTBEAT_SECONDS: "2", TRUST_PROXY: "1" },
  },
});

import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests (pure rules) and integration tests (real MariaDB). The global
// set-up creates a throw-away database for the run and drops it afterwards.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

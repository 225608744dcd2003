// Usage: node scripts/install-dependencies.mjs
// The first step of `npm start` and `npm test`, in plain JavaScript because
// nothing else is installed yet: runs `npm ci` when node_modules is missing or
// older than package-lock.json. No dependency's install script is needed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const installedMarker = "node_modules/.package-lock.json";
const isStale = !existsSync(installedMarker) || statSync("package-lock.json").mtimeMs > statSync(installedMarker).mtimeMs;

if (isStale) {
  console.log("Installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed: check that the npm registry is reachable.");
    process.exit(result.status ?? 1);
  }
}

// Usage: node scripts/run-after-install.mjs <script.ts> [args…]
// What `npm start`, `npm run dev`, `npm test` and `npm run test:e2e` run, in
// plain JavaScript because nothing else is installed yet: runs `npm ci` when
// node_modules is missing, older than package-lock.json, or lacks a package
// that package.json names; then runs the TypeScript script in this same
// process, as `node --import tsx <script.ts>` would. No dependency's install
// script is needed.
//
// One process, one command: npm runs a script through a shell (sh, or cmd.exe
// on Windows), and `install && exec node …` cannot be written for both
// (cmd.exe has no `exec`). Without `exec`, sh stays between npm and the
// script; scripts/start.ts copes with that (see its stop handling).
//
// `--include=dev` because `npm start` builds before it serves: with
// NODE_ENV=production (as most deployments set it) plain `npm ci` skips
// devDependencies, and `next build` then stops on its type check ("Cannot find
// module 'vitest'"). The build type-checks the whole project, exactly as
// `npm run typecheck` does, so it gets the same packages whatever NODE_ENV
// says. (Excluding the tests from the build's type check would not be enough:
// the type check also needs @types/*, which are devDependencies.) The check
// for missing packages repairs a node_modules that an earlier install left
// without its devDependencies.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "./child-process.mjs";

// Taken before the install, which can take minutes: scripts/start.ts stops when
// this parent goes away, and it may go meanwhile.
globalThis.podiumParentPid = process.ppid;

const [script] = process.argv.slice(2);
if (!script) {
  console.error("Usage: node scripts/run-after-install.mjs <script.ts> [args…]");
  process.exit(1);
}

const installedMarker = path.join("node_modules", ".package-lock.json");
const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync("package.json", "utf8"));
const isMissingAPackage = () =>
  Object.keys({ ...dependencies, ...devDependencies }).some((name) => !existsSync(path.join("node_modules", name, "package.json")));
const isStale =
  !existsSync(installedMarker) || statSync("package-lock.json").mtimeMs > statSync(installedMarker).mtimeMs || isMissingAPackage();

if (isStale) {
  console.log("Installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--include=dev", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(result.error ? `npm ci could not start: ${result.error.message}` : "npm ci failed: check that the npm registry is reachable.");
    process.exit(result.status ?? 1);
  }
}

// The script sees the arguments it would have had as `node --import tsx <script.ts> args…`.
process.argv.splice(1, 2, path.resolve(script));
await import("tsx");
await import(pathToFileURL(path.resolve(script)).href);

// Usage: node scripts/install-dependencies.mjs
// The first step of `npm start` and `npm test`, in plain JavaScript because
// nothing else is installed yet: runs `npm ci` when node_modules is missing,
// older than package-lock.json, or lacks a package that package.json names.
// No dependency's install script is needed.
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
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";

const installedMarker = "node_modules/.package-lock.json";
const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync("package.json", "utf8"));
const isMissingAPackage = () => Object.keys({ ...dependencies, ...devDependencies }).some((name) => !existsSync(`node_modules/${name}/package.json`));
const isStale =
  !existsSync(installedMarker) || statSync("package-lock.json").mtimeMs > statSync(installedMarker).mtimeMs || isMissingAPackage();

if (isStale) {
  console.log("Installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--include=dev", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("npm ci failed: check that the npm registry is reachable.");
    process.exit(result.status ?? 1);
  }
}

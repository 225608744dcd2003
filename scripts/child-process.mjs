// The one place where Podium's scripts, tests and benchmarks start other
// programs (an ESLint rule keeps node:child_process out of every other file).
//
// Why not Node's spawn as it is: on Windows, `npm`, `npx` and the programs in
// node_modules/.bin are batch files (npm.cmd, next.cmd), which Node ≥ 20.12
// refuses to start without a shell. A shell (cmd.exe) would then need every
// argument quoted by its own rules, and it would sit between us and the
// program: kill() would end cmd.exe and leave the program running, and Ctrl-C
// would ask "Terminate batch job (Y/N)?". So each of those is resolved to what
// it really runs, node with a JavaScript file, and started without a shell,
// on every platform alike. Anything else (git, mariadbd, taskkill) is started
// by name; Node finds `.exe` files on Windows by itself.
//
// Plain JavaScript with no dependencies: scripts/run-after-install.mjs uses it
// before node_modules exists. Types are in child-process.d.mts.
import * as childProcess from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_DIR = fileURLToPath(new URL("..", import.meta.url));
const NPM_COMMANDS = new Set(["npm", "npx"]);
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** @type {import("./child-process.d.mts").CommandContext} */
const thisMachine = {
  platform: process.platform,
  env: process.env,
  execPath: process.execPath,
  projectDir: PROJECT_DIR,
  exists: existsSync,
  readText: (file) => readFileSync(file, "utf8"),
  readHead: (file) => {
    const head = Buffer.alloc(128);
    const fd = openSync(file, "r");
    try {
      return head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("latin1");
    } finally {
      closeSync(fd);
    }
  },
};

/**
 * What to start for `command args`: `{ file, args }` for spawn without a shell.
 * @type {import("./child-process.d.mts").resolveCommand}
 */
export function resolveCommand(command, args, context = {}) {
  const machine = { ...thisMachine, ...context };
  const paths = machine.platform === "win32" ? path.win32 : path.posix;
  if (command === "node") return { file: machine.execPath, args: [...args] };
  if (NPM_COMMANDS.has(command)) {
    const cli = findNpmCli(command, machine, paths);
    if (cli) return { file: machine.execPath, args: [cli, ...args] };
    // Elsewhere `npm` is a script the system starts itself; on Windows it is npm.cmd.
    if (machine.platform !== "win32") return { file: command, args: [...args] };
    throw new Error(`Cannot find ${command}-cli.js beside ${machine.execPath}: run this through npm (npm start, npm test), or reinstall Node.js with npm.`);
  }
  const bin = PACKAGE_NAME.test(command) ? findPackageBin(command, machine, paths) : null;
  if (bin) return isNodeScript(bin, machine) ? { file: machine.execPath, args: [bin, ...args] } : { file: bin, args: [...args] };
  if (machine.platform === "win32" && machine.exists(paths.join(machine.projectDir, "node_modules", ".bin", `${command}.cmd`))) {
    // A program whose package has another name (tsc, from typescript): its .cmd would need a shell.
    throw new Error(`${command} is a batch file in node_modules\\.bin, which needs a shell: start it with npm run, or by its package's name.`);
  }
  return { file: command, args: [...args] };
}

/** JavaScript, or a script whose #! line runs node; anything else (a native binary) is started itself. */
function isNodeScript(file, machine) {
  return /\.[cm]?js$/.test(file) || /^#!.*\bnode\b/.test(machine.readHead(file));
}

/** npm's own JavaScript entry: the one running us (npm_execpath), or the one installed beside node. */
function findNpmCli(command, machine, paths) {
  const running = machine.env.npm_execpath;
  const candidates = [
    running && /^np[mx]-cli\.js$/.test(paths.basename(running)) ? paths.join(paths.dirname(running), `${command}-cli.js`) : null,
    // The Windows installer puts npm in node_modules beside node.exe; Unix installs under lib/.
    machine.platform === "win32"
      ? paths.join(paths.dirname(machine.execPath), "node_modules", "npm", "bin", `${command}-cli.js`)
      : paths.join(paths.dirname(machine.execPath), "..", "lib", "node_modules", "npm", "bin", `${command}-cli.js`),
  ];
  return candidates.find((candidate) => candidate && machine.exists(candidate)) ?? null;
}

/** The JavaScript file behind node_modules/.bin/<command>, from the package of that name. */
function findPackageBin(command, machine, paths) {
  const packageDir = paths.join(machine.projectDir, "node_modules", command);
  const manifest = paths.join(packageDir, "package.json");
  if (!machine.exists(manifest)) return null;
  const { name, bin } = JSON.parse(machine.readText(manifest));
  const file = typeof bin === "string" ? (name === command ? bin : null) : bin?.[command];
  return file ? paths.join(packageDir, file) : null;
}

/** Node's options, with no console window popping up on Windows for a background process. */
const withDefaults = (options) => ({ windowsHide: true, ...options, shell: false });

/** @type {import("./child-process.d.mts").spawn} */
export function spawn(command, args = [], options = {}) {
  const resolved = resolveCommand(command, args);
  return childProcess.spawn(resolved.file, resolved.args, withDefaults(options));
}

/** @type {import("./child-process.d.mts").spawnSync} */
export function spawnSync(command, args = [], options = {}) {
  const resolved = resolveCommand(command, args);
  return childProcess.spawnSync(resolved.file, resolved.args, withDefaults(options));
}

/** Node's fork: it always starts this very node, so it needs no resolving. */
export const fork = childProcess.fork;

/**
 * Kills a process and everything it started, at once: for clean-up after a
 * failure. On POSIX the process must lead its own group (spawned `detached`).
 * @param {number} pid
 */
export function killProcessTree(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    return;
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Nothing left of it.
  }
}

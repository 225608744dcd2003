import path from "node:path";
import { describe, expect, test } from "vitest";
import { resolveCommand, spawnSync, type CommandContext } from "../../scripts/child-process.mjs";

// How scripts/child-process.mjs turns a command into what it starts, on a
// Windows machine (as its Node and npm lay themselves out) and a POSIX one.

function machine(platform: "win32" | "linux", files: Record<string, string>, overrides: Partial<CommandContext> = {}): Partial<CommandContext> {
  return { platform, env: {}, exists: (file) => file in files, readText: (file) => files[file], readHead: (file) => files[file].slice(0, 128), ...overrides };
}

describe("on Windows", () => {
  const nodeDir = "C:\\Program Files\\nodejs";
  const execPath = `${nodeDir}\\node.exe`;
  const projectDir = "C:\\Users\\ana\\podium";
  const npmCli = `${nodeDir}\\node_modules\\npm\\bin\\npm-cli.js`;
  const npxCli = `${nodeDir}\\node_modules\\npm\\bin\\npx-cli.js`;
  const files = {
    [npmCli]: "",
    [npxCli]: "",
    [`${projectDir}\\node_modules\\next\\package.json`]: JSON.stringify({ name: "next", bin: { next: "./dist/bin/next" } }),
    [`${projectDir}\\node_modules\\next\\dist\\bin\\next`]: "#!/usr/bin/env node\n\"use strict\";",
    [`${projectDir}\\node_modules\\.bin\\tsc.cmd`]: "@IF EXIST …",
    [`${projectDir}\\node_modules\\tsx\\package.json`]: JSON.stringify({ name: "tsx", bin: "./dist/cli.mjs" }),
    [`${projectDir}\\node_modules\\playwright\\package.json`]: JSON.stringify({ name: "playwright", bin: { playwright: "cli.js" } }),
  };
  const windows = machine("win32", files, { execPath, projectDir });

  test("npm and npx run npm's own JavaScript with node.exe, never npm.cmd through a shell", () => {
    expect(resolveCommand("npm", ["ci", "--include=dev"], windows)).toEqual({ file: execPath, args: [npmCli, "ci", "--include=dev"] });
    expect(resolveCommand("npx", ["--version"], windows)).toEqual({ file: execPath, args: [npxCli, "--version"] });
  });

  test("inside an npm script, the npm that runs it (npm_execpath) is the one used", () => {
    const running = "D:\\tools\\npm\\bin\\npm-cli.js";
    const underNpm = machine("win32", { ...files, [running]: "", ["D:\\tools\\npm\\bin\\npx-cli.js"]: "" }, { execPath, projectDir, env: { npm_execpath: running } });
    expect(resolveCommand("npm", ["start"], underNpm)).toEqual({ file: execPath, args: [running, "start"] });
    expect(resolveCommand("npx", [], underNpm).args[0]).toBe("D:\\tools\\npm\\bin\\npx-cli.js");
  });

  test("a package's program runs its JavaScript file, not node_modules\\.bin\\<name>.cmd", () => {
    expect(resolveCommand("next", ["build"], windows)).toEqual({ file: execPath, args: [`${projectDir}\\node_modules\\next\\dist\\bin\\next`, "build"] });
    expect(resolveCommand("tsx", ["scripts/staff.ts"], windows)).toEqual({ file: execPath, args: [`${projectDir}\\node_modules\\tsx\\dist\\cli.mjs`, "scripts/staff.ts"] });
    expect(resolveCommand("playwright", ["test"], windows).args[0]).toBe(`${projectDir}\\node_modules\\playwright\\cli.js`);
  });

  test("node is the node running us; other programs go by name (Node finds .exe files itself)", () => {
    expect(resolveCommand("node", ["server.ts"], windows)).toEqual({ file: execPath, args: ["server.ts"] });
    expect(resolveCommand("git", ["ls-files"], windows)).toEqual({ file: "git", args: ["ls-files"] });
    expect(resolveCommand("C:\\Program Files\\MariaDB 11.4\\bin\\mariadbd.exe", ["--no-defaults"], windows)).toEqual({
      file: "C:\\Program Files\\MariaDB 11.4\\bin\\mariadbd.exe",
      args: ["--no-defaults"],
    });
  });

  test("a program whose package has another name (tsc) is refused with a reason, not started through its .cmd", () => {
    expect(() => resolveCommand("tsc", ["--noEmit"], windows)).toThrow(/tsc is a batch file in node_modules\\\.bin, which needs a shell/);
  });

  test("npm_execpath of another package manager (pnpm) is not taken for npm: the npm beside node.exe is", () => {
    const underPnpm = machine("win32", files, { execPath, projectDir, env: { npm_execpath: "C:\\pnpm\\bin\\pnpm.cjs" } });
    expect(resolveCommand("npm", ["ci"], underPnpm)).toEqual({ file: execPath, args: [npmCli, "ci"] });
  });

  test("without npm beside node.exe it says what to do instead of failing with ENOENT", () => {
    const bare = machine("win32", {}, { execPath, projectDir });
    expect(() => resolveCommand("npm", ["ci"], bare)).toThrow(/Cannot find npm-cli\.js beside .*node\.exe: run this through npm/);
  });
});

describe("on POSIX", () => {
  const execPath = "/usr/local/bin/node";
  const projectDir = "/home/ana/podium";
  const npmCli = "/usr/local/lib/node_modules/npm/bin/npm-cli.js";
  const files = {
    [npmCli]: "",
    [`${projectDir}/node_modules/vitest/package.json`]: JSON.stringify({ name: "vitest", bin: { vitest: "./vitest.mjs" } }),
    // A package whose bin names another program is not taken for this one.
    [`${projectDir}/node_modules/other/package.json`]: JSON.stringify({ name: "other", bin: { "not-other": "cli.js" } }),
    // A package whose program is a native binary (esbuild's own, where its platform package is installed).
    [`${projectDir}/node_modules/esbuild/package.json`]: JSON.stringify({ name: "esbuild", bin: { esbuild: "bin/esbuild" } }),
    [`${projectDir}/node_modules/esbuild/bin/esbuild`]: "\u007fELF\u0002\u0001\u0001",
  };
  const posix = machine("linux", files, { execPath, projectDir });

  test("npm is npm's JavaScript under lib/node_modules beside bin/node", () => {
    expect(resolveCommand("npm", ["start"], posix)).toEqual({ file: execPath, args: [npmCli, "start"] });
  });

  test("where npm is not under lib/node_modules beside node, the npm on PATH is started by name", () => {
    expect(resolveCommand("npx", ["--version"], machine("linux", {}, { execPath, projectDir }))).toEqual({ file: "npx", args: ["--version"] });
  });

  test("package programs run with node; unknown commands and paths pass through", () => {
    expect(resolveCommand("vitest", ["run"], posix)).toEqual({ file: execPath, args: [`${projectDir}/node_modules/vitest/vitest.mjs`, "run"] });
    expect(resolveCommand("other", [], posix)).toEqual({ file: "other", args: [] });
    expect(resolveCommand("esbuild", ["--version"], posix)).toEqual({ file: `${projectDir}/node_modules/esbuild/bin/esbuild`, args: ["--version"] });
    expect(resolveCommand("redis-server", ["--port", "0"], posix)).toEqual({ file: "redis-server", args: ["--port", "0"] });
    expect(resolveCommand("../node_modules/x", [], posix)).toEqual({ file: "../node_modules/x", args: [] });
  });
});

describe("on this machine", () => {
  test("arguments reach the program exactly as given: no shell reads them", () => {
    const tricky = ["a b", 'quote " inside', "&& echo injected", "$HOME", "%PATH%", "^caret", "back\\slash\\"];
    const result = spawnSync("node", ["-e", "process.stdout.write(JSON.stringify(process.argv.slice(1)))", ...tricky], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(tricky);
  });

  test("tsx from node_modules runs TypeScript, started as node with its cli.mjs", () => {
    expect(resolveCommand("tsx", [])).toEqual({ file: process.execPath, args: [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs")] });
    const result = spawnSync("tsx", ["-e", "const answer: number = 42; console.log(answer)"], { encoding: "utf8" });
    expect(result.stdout.trim()).toBe("42");
  });
});

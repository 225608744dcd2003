import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findInstallDb, findMariadbd, installAdvice, installDbArgs, thisMachine, type Machine } from "../../scripts/find-mariadbd";

// Where scripts/find-mariadbd.ts looks for a database server program, on a
// Windows machine described by its files, and for real on the machine the
// tests run on: POSIX here, Windows in `npm run smoke:windows`.

/** A Windows machine with these files; `onPath` stands in for what `which` finds on its PATH. */
function windows(files: string[], onPath: Record<string, string> = {}): Machine {
  const fileSet = new Set(files);
  return {
    platform: "win32",
    env: { ProgramFiles: "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)", SystemDrive: "C:", PATH: "C:\\Windows\\system32", PATHEXT: ".COM;.EXE;.BAT;.CMD" },
    exists: (file) => fileSet.has(file),
    listDir: (dir) => [...new Set(files.filter((file) => file.startsWith(`${dir}\\`)).map((file) => file.slice(dir.length + 1).split("\\")[0]))],
    which: (command) => onPath[command] ?? null,
  };
}

describe("on Windows", () => {
  test("finds mariadbd.exe in the newest C:\\Program Files\\MariaDB <version>\\bin, not by string order", () => {
    const machine = windows([
      "C:\\Program Files\\MariaDB 10.11\\bin\\mariadbd.exe",
      "C:\\Program Files\\MariaDB 11.4\\bin\\mariadbd.exe",
      "C:\\Program Files\\MariaDB 11.10\\bin\\mariadbd.exe",
      "C:\\Program Files\\MariaDB 11.4\\bin\\mariadb-install-db.exe",
    ]);
    expect(findMariadbd(machine)).toBe("C:\\Program Files\\MariaDB 11.10\\bin\\mariadbd.exe");
  });

  test("PATH comes first, as `which` finds it with PATHEXT", () => {
    const seen: string[] = [];
    const machine = { ...windows(["C:\\Program Files\\MariaDB 11.4\\bin\\mariadbd.exe"]) };
    machine.which = (command, env) => {
      seen.push(`${command} ${env.PATHEXT}`);
      return command === "mariadbd" ? "D:\\db\\bin\\mariadbd.EXE" : null;
    };
    expect(findMariadbd(machine)).toBe("D:\\db\\bin\\mariadbd.EXE");
    expect(seen).toEqual(["mariadbd .COM;.EXE;.BAT;.CMD"]);
  });

  test("older MariaDB (mysqld.exe), 32-bit and XAMPP installs are found too; MySQL's own server is not", () => {
    expect(findMariadbd(windows(["C:\\Program Files\\MariaDB 10.3\\bin\\mysqld.exe"]))).toBe("C:\\Program Files\\MariaDB 10.3\\bin\\mysqld.exe");
    expect(findMariadbd(windows(["C:\\Program Files\\MySQL\\MySQL Server 8.4\\bin\\mysqld.exe"]))).toBeNull();
    expect(findMariadbd(windows(["C:\\Program Files (x86)\\MariaDB 10.6\\bin\\mariadbd.exe"]))).toBe("C:\\Program Files (x86)\\MariaDB 10.6\\bin\\mariadbd.exe");
    expect(findMariadbd(windows(["C:\\xampp\\mysql\\bin\\mysqld.exe"]))).toBe("C:\\xampp\\mysql\\bin\\mysqld.exe");
  });

  test("nothing installed: null, and the one line says what to install on Windows", () => {
    expect(findMariadbd(windows(["C:\\Program Files\\MariaDB Connector C 64-bit\\lib\\libmariadb.dll"]))).toBeNull();
    expect(installAdvice("win32")).toMatch(/MariaDB for Windows/);
  });

  test("mariadb-install-db.exe beside the server makes the data directory, with the Windows program's options", () => {
    const server = "C:\\Program Files\\MariaDB 11.4\\bin\\mariadbd.exe";
    expect(findInstallDb(server, windows([server, "C:\\Program Files\\MariaDB 11.4\\bin\\mariadb-install-db.exe"]))).toBe(
      "C:\\Program Files\\MariaDB 11.4\\bin\\mariadb-install-db.exe",
    );
    expect(findInstallDb(server, windows([server, "C:\\Program Files\\MariaDB 11.4\\bin\\mysql_install_db.exe"]))).toBe(
      "C:\\Program Files\\MariaDB 11.4\\bin\\mysql_install_db.exe",
    );
    expect(findInstallDb(server, windows([server]))).toBeNull();
    // The one beside the server wins over another on PATH (an older install's).
    const besideAndOnPath = windows([server, "C:\\Program Files\\MariaDB 11.4\\bin\\mariadb-install-db.exe"], { "mariadb-install-db": "D:\\old\\bin\\mariadb-install-db.exe" });
    expect(findInstallDb(server, besideAndOnPath)).toBe("C:\\Program Files\\MariaDB 11.4\\bin\\mariadb-install-db.exe");
    expect(installDbArgs("win32", "C:\\podium\\.data\\mariadb", "ana")).toEqual(["--datadir=C:\\podium\\.data\\mariadb"]);
  });
});

describe.skipIf(process.platform === "win32")("on this POSIX machine (its file system and the real `which`)", () => {
  const root = mkdtempSync(path.join(tmpdir(), "podium-find-mariadbd-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function executable(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "#!/bin/sh\n");
    chmodSync(file, 0o755);
    return file;
  }
  const onlyPath = (dir: string): Machine => ({ ...thisMachine, platform: "linux", env: { PATH: dir }, exists: () => false });

  test("a mariadbd on PATH is found", () => {
    const bin = path.join(root, "path-bin");
    const mariadbd = executable(path.join(bin, "mariadbd"));
    expect(findMariadbd(onlyPath(bin))).toBe(mariadbd);
  });

  test("a file that is not executable is not taken for the server", () => {
    const bin = path.join(root, "not-executable");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "mariadbd"), "");
    expect(findMariadbd(onlyPath(bin))).toBeNull();
  });

  test("off PATH, Debian's /usr/sbin/mariadbd is found; install-db is looked for apart from it", () => {
    const debian: Machine = { ...thisMachine, platform: "linux", env: { PATH: "" }, exists: (file) => file === "/usr/sbin/mariadbd" || file === "/usr/bin/mariadb-install-db" };
    expect(findMariadbd(debian)).toBe("/usr/sbin/mariadbd");
    expect(findInstallDb("/usr/sbin/mariadbd", debian)).toBe("/usr/bin/mariadb-install-db");
    expect(installDbArgs("linux", "/srv/podium/.data/mariadb", "podium")).toContain("--user=podium");
  });

  test("nothing installed: null, and the one line names the package to install", () => {
    expect(findMariadbd({ ...onlyPath(path.join(root, "empty")), exists: () => false })).toBeNull();
    expect(installAdvice("linux")).toMatch(/apt-get install mariadb-server/);
  });
});

describe.runIf(process.platform === "win32")("on this Windows machine (its file system and the real `which`, with PATHEXT)", () => {
  const root = mkdtempSync(path.join(tmpdir(), "podium-find-mariadbd-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("mariadbd.exe on PATH is found by its name without .exe; a file of another extension is not", () => {
    const bin = path.join(root, "MariaDB 11.4", "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "mariadbd.exe"), "");
    writeFileSync(path.join(bin, "mysqld.txt"), "");
    const machine: Machine = { ...thisMachine, env: { PATH: bin, PATHEXT: ".COM;.EXE;.BAT;.CMD" }, listDir: () => [] };
    expect(findMariadbd(machine)?.toLowerCase()).toBe(path.join(bin, "mariadbd.exe").toLowerCase());
    expect(findMariadbd({ ...machine, env: { PATH: path.join(root, "nowhere"), PATHEXT: ".EXE" } })).toBeNull();
  });
});

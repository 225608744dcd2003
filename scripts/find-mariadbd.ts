import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import which from "which";

// Finds a MariaDB server program to start a private database with (mariadbd,
// or mysqld as MariaDB called it before 10.5), and the program that creates
// its data directory. PATH comes first (with PATHEXT on Windows, through
// `which`); then the places installers put them without touching PATH:
// /usr/sbin on Debian, Homebrew's folders on macOS, and on Windows
// "C:\Program Files\MariaDB <version>\bin" (newest version first) and XAMPP's
// mysql\bin (a MariaDB). MySQL's own server is not looked for: it has no
// mariadb-install-db, and its Windows installer runs it as a service anyway.

/** What the lookup reads of the machine; tests give another platform's. */
export type Machine = {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  listDir: (dir: string) => string[];
  /** The full path of `command` on PATH, or null. */
  which: (command: string, env: Record<string, string | undefined>) => string | null;
};

export const thisMachine: Machine = {
  platform: process.platform,
  env: process.env,
  exists: existsSync,
  listDir: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  which: (command, env) => which.sync(command, { path: env.PATH ?? env.Path, pathExt: env.PATHEXT, nothrow: true }),
};

const SERVER_NAMES = ["mariadbd", "mysqld"];
// mariadb-install-db is MariaDB's name since 10.4; on Windows mysql_install_db.exe is the older one.
const INSTALL_DB_NAMES = ["mariadb-install-db", "mysql_install_db"];
const POSIX_FOLDERS = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin", "/opt/homebrew/bin", "/opt/homebrew/sbin"];

const versionOf = (folder: string) => (folder.match(/\d+(\.\d+)*/)?.[0] ?? "0").split(".").map(Number);
function byNewestVersion(a: string, b: string) {
  const [versionA, versionB] = [versionOf(a), versionOf(b)];
  for (let index = 0; index < Math.max(versionA.length, versionB.length); index++) {
    const difference = (versionB[index] ?? 0) - (versionA[index] ?? 0);
    if (difference) return difference;
  }
  return 0;
}

/** Windows: the bin folders of MariaDB and XAMPP installs, newest version first. */
function windowsFolders({ env, listDir }: Machine): string[] {
  const join = path.win32.join;
  const roots = [...new Set([env.ProgramW6432, env.ProgramFiles, env["ProgramFiles(x86)"], "C:\\Program Files"].filter((root): root is string => !!root))];
  const folders = roots.flatMap((root) =>
    listDir(root)
      .filter((name) => /^MariaDB \d/i.test(name))
      .sort(byNewestVersion)
      .map((name) => join(root, name, "bin")),
  );
  return [...folders, join(env.SystemDrive ?? "C:", "\\xampp", "mysql", "bin")];
}

function findOnPath(names: string[], machine: Machine): string | null {
  for (const name of names) {
    const found = machine.which(name, machine.env);
    if (found) return found;
  }
  return null;
}

function findInFolders(names: string[], machine: Machine, folders: string[]): string | null {
  const isWindows = machine.platform === "win32";
  for (const folder of folders) {
    for (const name of names) {
      const candidate = isWindows ? path.win32.join(folder, `${name}.exe`) : path.posix.join(folder, name);
      if (machine.exists(candidate)) return candidate;
    }
  }
  return null;
}

/** mariadbd or mysqld: its full path, or null when neither is installed. */
export function findMariadbd(machine: Machine = thisMachine): string | null {
  return findOnPath(SERVER_NAMES, machine) ?? findInFolders(SERVER_NAMES, machine, machine.platform === "win32" ? windowsFolders(machine) : POSIX_FOLDERS);
}

/**
 * The program that creates a data directory for that server: the one beside it
 * first (a Windows install keeps both in its bin), then on PATH, then in the
 * usual folders (Debian has mariadbd in /usr/sbin but mariadb-install-db in /usr/bin).
 */
export function findInstallDb(server: string, machine: Machine = thisMachine): string | null {
  const paths = machine.platform === "win32" ? path.win32 : path.posix;
  return (
    findInFolders(INSTALL_DB_NAMES, machine, [paths.dirname(server)]) ??
    findOnPath(INSTALL_DB_NAMES, machine) ??
    (machine.platform === "win32" ? null : findInFolders(INSTALL_DB_NAMES, machine, POSIX_FOLDERS))
  );
}

/**
 * Its arguments for a data directory whose root has no password. The Windows
 * program is not the Unix script: it takes only a few options, and root
 * without a password is its default.
 */
export function installDbArgs(platform: NodeJS.Platform, dataDir: string, user: string): string[] {
  if (platform === "win32") return [`--datadir=${dataDir}`];
  return ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", `--user=${user}`];
}

/** One line saying what to install, for this platform. */
export function installAdvice(platform: NodeJS.Platform): string {
  if (platform === "win32") return "install MariaDB for Windows (https://mariadb.org/download/), or set DATABASE_URL to your MySQL or MariaDB";
  if (platform === "darwin") return "install MariaDB (brew install mariadb) or set DATABASE_URL";
  return "install MariaDB (apt-get install mariadb-server) or set DATABASE_URL";
}

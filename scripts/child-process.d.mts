import type * as childProcess from "node:child_process";

/** What resolveCommand knows of the machine; tests give another platform's. */
export type CommandContext = {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  execPath: string;
  projectDir: string;
  exists: (file: string) => boolean;
  readText: (file: string) => string;
  /** The first bytes of a file, as text. */
  readHead: (file: string) => string;
};

export function resolveCommand(command: string, args: readonly string[], context?: Partial<CommandContext>): { file: string; args: string[] };

export function spawn(command: string, args?: readonly string[], options?: childProcess.SpawnOptions): childProcess.ChildProcess;

export function spawnSync(command: string, args: readonly string[], options: childProcess.SpawnSyncOptionsWithStringEncoding): childProcess.SpawnSyncReturns<string>;
export function spawnSync(command: string, args?: readonly string[], options?: childProcess.SpawnSyncOptions): childProcess.SpawnSyncReturns<string | Buffer>;

export const fork: typeof childProcess.fork;

export function killProcessTree(pid: number): void;

export type { ChildProcess, SpawnOptions } from "node:child_process";

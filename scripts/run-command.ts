import { spawn, type SpawnOptions } from "./child-process.mjs";

/** Runs a command in the foreground (output shown as it comes) and resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs a command with `input` on its stdin and resolves with its exit code and output (stopped after `timeoutMs`). */
export function runCaptured(
  command: string,
  args: string[],
  { input = "", env = process.env, timeoutMs = 30_000 }: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, timeout: timeoutMs });
    const output = { stdout: "", stderr: "" };
    child.stdout!.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
    child.on("error", (error) => resolve({ code: 1, stdout: output.stdout, stderr: `${output.stderr}${command} could not start: ${error.message}` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), ...output }));
    child.stdin!.end(input);
  });
}

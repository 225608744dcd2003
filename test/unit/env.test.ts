import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("configuration", () => {
  const originalCwd = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "podium-env-"));
    process.chdir(dir);
  });
  afterEach(() => process.chdir(originalCwd));

  it("has working defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ DATABASE_URL: "mysql://root@127.0.0.1:3306/podium", HOST: "127.0.0.1", PORT: 3000, STREAM_URL: "/stream" });
  });

  it("generates a session secret once, keeps it private in .data/ and reuses it", () => {
    const first = parseEnv({}).SESSION_SECRET;
    const file = path.join(dir, ".data", "session-secret");
    expect(first).toHaveLength(64);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseEnv({}).SESSION_SECRET).toBe(first);
  });

  it("uses SESSION_SECRET when set", () => {
    expect(parseEnv({ SESSION_SECRET: "s".repeat(40) }).SESSION_SECRET).toBe("s".repeat(40));
  });

  it("with REDIS_URL, insists on a SESSION_SECRET shared by every process", () => {
    expect(() => parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/SESSION_SECRET: must be set when REDIS_URL is set/);
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379", SESSION_SECRET: "s".repeat(40) })).toMatchObject({ REDIS_URL: "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: "podium:" });
  });

  it("keeps the heartbeat well inside the 5-minute session gap", () => {
    expect(parseEnv({ HEARTBEAT_SECONDS: "120" }).HEARTBEAT_SECONDS).toBe(120);
    expect(() => parseEnv({ HEARTBEAT_SECONDS: "121" })).toThrow(/HEARTBEAT_SECONDS: must be at most 120/);
  });

  it("names every problem on its own line", () => {
    let message = "";
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "postgres://x", SESSION_SECRET: "short", STREAM_URL: "javascript:alert(1)" });
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split("\n");
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines.slice(1).map((line) => line.split(":")[0]).sort()).toEqual(["DATABASE_URL", "PORT", "SESSION_SECRET", "STREAM_URL"]);
  });
});

import { describe, expect, it } from "vitest";
import { isCreditable, maxMinutesBeforeCredit, resumableSince, SESSION_GAP_MS } from "@/lib/analytics/heartbeat-rules";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 12, 0, 0) + seconds * 1000);
const session = (lastPing: number, totalMinutes = 0, start = 0) => ({ startTime: at(start), lastPing: at(lastPing), totalMinutes });

describe("heartbeat rules", () => {
  it("credits a heartbeat a full interval after the last accepted one", () => {
    expect(isCreditable(session(0), at(60), 60)).toBe(true);
    expect(isCreditable(session(60, 1), at(121), 60)).toBe(true);
  });

  it("tolerates up to 10% timer jitter, and no more", () => {
    expect(isCreditable(session(0), at(54), 60)).toBe(true);
    expect(isCreditable(session(0), at(53.9), 60)).toBe(false);
  });

  it("refuses a second heartbeat within the same interval (two tabs, floods, reconnects)", () => {
    expect(isCreditable(session(60, 1), at(60), 60)).toBe(false);
    expect(isCreditable(session(60, 1), at(90), 60)).toBe(false);
  });

  it("never credits more minutes than intervals since the session started: the slack cannot pile up", () => {
    // A script pinging every 54 s: each ping passes rule 1, but by the 10th the session is a minute ahead.
    let minutes = 0;
    let lastPing = 0;
    for (let ping = 1; ping <= 100; ping++) {
      const now = ping * 54;
      if (isCreditable(session(lastPing, minutes), at(now), 60)) {
        minutes += 1;
        lastPing = now;
      }
    }
    expect(minutes).toBeLessThanOrEqual(Math.floor((100 * 54) / 60));
    expect(maxMinutesBeforeCredit(at(0), at(600), 60)).toBe(9);
  });

  it("follows the configured interval", () => {
    expect(isCreditable(session(0), at(1.8), 2)).toBe(true);
    expect(isCreditable(session(0), at(1.7), 2)).toBe(false);
  });

  it("resumes a viewing session pinged within the last 5 minutes", () => {
    expect(SESSION_GAP_MS).toBe(300_000);
    expect(resumableSince(at(300)).toISOString()).toBe(at(0).toISOString());
  });
});

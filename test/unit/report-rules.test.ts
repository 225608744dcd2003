import { describe, expect, it } from "vitest";
import { exportFileName, neutraliseFormula } from "@/lib/reports/csv-cells";
import { containsPattern, parseReportParams, reportHref } from "@/lib/reports/report-params";
import { averagePerViewer } from "@/lib/reports/report-rows";
import { axisTicks, bucketSeconds, fillSeries, findPeak } from "@/lib/reports/viewers-over-time";

describe("CSV cells", () => {
  it.each(["=SUM(A1)", "+15550100", "-2+3", "@cmd", "\tx", "\r=1"])("neutralises %j", (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it.each(["Ann", "a=b", "", " =not-first", "Zoë 🎤"])("leaves %j alone", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });

  it("names an event's file with its slug, the report and the export time in UTC", () => {
    const now = new Date("2026-11-24T21:05:09.123Z");
    expect(exportFileName("users", now, "spring-keynote")).toBe("podium-spring-keynote-users-2026-11-24T21-05-09Z.csv");
    expect(exportFileName("sessions", now, "first-event")).toBe("podium-first-event-sessions-2026-11-24T21-05-09Z.csv");
    expect(exportFileName("people", now, "e2")).toBe("podium-e2-people-2026-11-24T21-05-09Z.csv");
  });

  it("names the overview's files without a slug", () => {
    const now = new Date("2026-11-24T21:05:09.123Z");
    expect(exportFileName("events", now)).toBe("podium-events-2026-11-24T21-05-09Z.csv");
    expect(exportFileName("events-people", now)).toBe("podium-events-people-2026-11-24T21-05-09Z.csv");
  });
});

describe("figures", () => {
  it("averages minutes per viewer to one decimal, and 0 with no viewers", () => {
    expect(averagePerViewer(67, 3)).toBe(22.3);
    expect(averagePerViewer(100, 4)).toBe(25);
    expect(averagePerViewer(0, 0)).toBe(0);
  });
});

describe("report URL parameters", () => {
  const sorts = ["name", "registered"] as const;
  const defaults = { sort: "registered" as const, dir: "desc" as const };

  it("reads search, sort, direction, page and size", () => {
    expect(parseReportParams({ q: " ann ", sort: "name", dir: "asc", page: "3", size: "100" }, sorts, defaults)).toEqual({ q: "ann", sort: "name", dir: "asc", page: 3, size: 100 });
  });

  it("falls back to defaults for anything unexpected", () => {
    expect(parseReportParams({ sort: "password_hash", dir: "sideways", page: "-1", size: "7" }, sorts, defaults)).toEqual({ q: "", sort: "registered", dir: "desc", page: 1, size: 50 });
  });

  it("keeps the first 100 characters of a long search instead of dropping it", () => {
    expect(parseReportParams({ q: "a".repeat(150) }, sorts, defaults).q).toBe("a".repeat(100));
  });

  it("matches search text literally, wildcards included", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("builds links that keep the other parameters", () => {
    const params = { q: "ann", sort: "name" as const, dir: "asc" as const, page: 2, size: 25 };
    expect(reportHref("/reports/users", params, { page: 3 })).toBe("/reports/users?q=ann&sort=name&dir=asc&page=3&size=25");
  });
});

describe("viewers over time", () => {
  const t0 = Date.UTC(2026, 10, 24, 10, 0, 0);

  it("uses one-minute buckets for short events and about 120 points for long ones", () => {
    expect(bucketSeconds(t0, t0 + 70 * 60_000)).toBe(60);
    expect(bucketSeconds(t0, t0 + 10 * 3_600_000)).toBe(300);
  });

  it("labels the y axis at 0, the middle and the top, never twice", () => {
    expect(axisTicks(10)).toEqual([0, 5, 10]);
    expect(axisTicks(3)).toEqual([0, 2, 3]);
    expect(axisTicks(1)).toEqual([0, 1]);
  });

  it("carries the count through quiet buckets and keeps each bucket's peak", () => {
    const series = fillSeries(
      [
        { index: 0, net: 2, peak: 2 },
        { index: 2, net: -1, peak: 3 },
      ],
      4,
      t0,
      60,
    );
    expect(series.map((point) => point.viewers)).toEqual([2, 2, 3, 1]);
    expect(series[1].at).toBe("2026-11-24T10:01:00.000Z");
  });

  it("finds the first moment of the peak", () => {
    const events = [
      { at: "a", delta: 1 },
      { at: "b", delta: 1 },
      { at: "c", delta: -1 },
      { at: "d", delta: 1 },
    ];
    expect(findPeak(events, 1)).toEqual({ viewers: 3, at: "b" });
  });
});

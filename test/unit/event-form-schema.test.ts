import { describe, expect, it } from "vitest";
import { fromLocalDateTime, toLocalDateTime } from "@/lib/events/zoned-time";
import { eventFormSchema, OUTSIDE_EVENT_YEARS, STREAM_BAD_SITE } from "@/lib/validation/event-form";

// The organiser's event form: the rules the browser and the create and update actions share.

describe("the event form's schema", () => {
  const form = (overrides: Record<string, string> = {}) => ({
    title: "Talk",
    slug: "talk",
    description: "",
    streamUrl: "",
    startsAt: "2027-03-14T18:30",
    endsAt: "",
    timeZone: "Europe/Lisbon",
    isChatOn: "on",
    isQaOn: "",
    ...overrides,
  });
  const errorsOf = (overrides: Record<string, string>) => eventFormSchema.safeParse(form(overrides)).error?.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`) ?? [];

  it("reads times in the organiser's zone, switches as booleans, and an empty stream URL as the server default", () => {
    const parsed = eventFormSchema.parse(form({ startsAt: "2027-07-01T09:00", endsAt: "2027-07-01T10:15" }));
    expect(parsed).toMatchObject({ startsAt: new Date("2027-07-01T08:00:00Z"), endsAt: new Date("2027-07-01T09:15:00Z"), isChatOn: true, isQaOn: false, streamUrl: "" });
  });

  it("accepts https:// and Podium's /stream, and refuses anything else with a clear message", () => {
    for (const streamUrl of ["https://www.youtube.com/embed/abc", "/stream", "/stream?talk=2"]) expect(errorsOf({ streamUrl })).toEqual([]);
    for (const streamUrl of ["http://insecure.example.com", "javascript:alert(1)", "/other", "ftp://x", "www.example.com"]) {
      expect(errorsOf({ streamUrl })).toEqual([expect.stringMatching(/^streamUrl: Use an https:\/\/ address/)]);
    }
    // An https address whose origin could not go into the Content-Security-Policy as it is (test/unit/stream-origin.test.ts has the corpus).
    expect(errorsOf({ streamUrl: "https://user:pw@example.com" })).toEqual([`streamUrl: ${STREAM_BAD_SITE}`]);
  });

  it("wants an end after the start, and a start", () => {
    expect(errorsOf({ endsAt: "2027-03-14T18:30" })).toEqual(["endsAt: The end must be after the start."]);
    expect(errorsOf({ startsAt: "" })).toEqual(["startsAt: Say when the event starts."]);
    expect(errorsOf({ startsAt: "2027-02-30T10:00" })).toEqual(["startsAt: Enter a date and time, like 2027-03-14 18:30."]);
  });

  it("refuses years outside 2000 to 2100 instead of storing another date (0025 was stored as 1925, 0000 as 1900)", () => {
    for (const startsAt of ["0025-06-01T10:00", "0000-06-01T10:00", "0099-12-31T23:59", "1999-12-31T23:59", "2101-01-01T00:00", "9999-12-31T23:59"]) {
      expect(errorsOf({ startsAt }), startsAt).toEqual([`startsAt: ${OUTSIDE_EVENT_YEARS}`]);
    }
    expect(errorsOf({ endsAt: "2101-01-01T00:00" })).toEqual([`endsAt: ${OUTSIDE_EVENT_YEARS}`]);
    expect(errorsOf({ startsAt: "0025-06-01T10:00", endsAt: "0025-06-01T11:00" })).toEqual([`startsAt: ${OUTSIDE_EVENT_YEARS}`, `endsAt: ${OUTSIDE_EVENT_YEARS}`]);
    expect(OUTSIDE_EVENT_YEARS).toBe("Pick a date between the years 2000 and 2100.");
    for (const startsAt of ["2000-01-01T00:00", "2100-12-31T23:59"]) expect(errorsOf({ startsAt }), startsAt).toEqual([]);
  });
});

describe("wall-clock times in a time zone", () => {
  it("round-trips, and moves a time skipped by a clock change forward", () => {
    expect(fromLocalDateTime("2027-03-14T18:30", "America/New_York")?.toISOString()).toBe("2027-03-14T22:30:00.000Z");
    expect(toLocalDateTime(new Date("2027-03-14T22:30:00Z"), "America/New_York")).toBe("2027-03-14T18:30");
    expect(fromLocalDateTime("2027-03-14T02:30", "America/New_York")?.toISOString()).toBe("2027-03-14T07:30:00.000Z");
    expect(fromLocalDateTime("2027-03-14T18:30", "Asia/Kolkata")?.toISOString()).toBe("2027-03-14T13:00:00.000Z");
    expect(fromLocalDateTime("2027-13-01T10:00", "UTC")).toBeNull();
    // Two-digit years are years, not 19xx (Date.UTC's reading).
    expect(fromLocalDateTime("0025-06-01T10:00", "UTC")?.toISOString()).toBe("0025-06-01T10:00:00.000Z");
  });
});

import { describe, expect, it } from "vitest";
import { fromLocalDateTime, toLocalDateTime } from "@/lib/events/zoned-time";
import { eventFormSchema } from "@/lib/validation/event-form";

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
    for (const streamUrl of ["http://insecure.example.com", "javascript:alert(1)", "/other", "ftp://x", "https://user:pw@example.com", "www.example.com"]) {
      expect(errorsOf({ streamUrl })).toEqual([expect.stringMatching(/^streamUrl: Use an https:\/\/ address/)]);
    }
  });

  it("wants an end after the start, and a start", () => {
    expect(errorsOf({ endsAt: "2027-03-14T18:30" })).toEqual(["endsAt: The end must be after the start."]);
    expect(errorsOf({ startsAt: "" })).toEqual(["startsAt: Say when the event starts."]);
    expect(errorsOf({ startsAt: "2027-02-30T10:00" })).toEqual(["startsAt: Enter a date and time, like 2027-03-14 18:30."]);
  });
});

describe("wall-clock times in a time zone", () => {
  it("round-trips, and moves a time skipped by a clock change forward", () => {
    expect(fromLocalDateTime("2027-03-14T18:30", "America/New_York")?.toISOString()).toBe("2027-03-14T22:30:00.000Z");
    expect(toLocalDateTime(new Date("2027-03-14T22:30:00Z"), "America/New_York")).toBe("2027-03-14T18:30");
    expect(fromLocalDateTime("2027-03-14T02:30", "America/New_York")?.toISOString()).toBe("2027-03-14T07:30:00.000Z");
    expect(fromLocalDateTime("2027-03-14T18:30", "Asia/Kolkata")?.toISOString()).toBe("2027-03-14T13:00:00.000Z");
    expect(fromLocalDateTime("2027-13-01T10:00", "UTC")).toBeNull();
  });
});

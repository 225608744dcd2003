import { describe, expect, it } from "vitest";
import { FRAMABLE_STREAM_URLS, UNFRAMABLE_STREAM_URLS } from "../../e2e/hostile-corpus";
import { streamOrigin } from "@/lib/events/stream-origin";
import { contentSecurityPolicy } from "@/lib/http/security-headers";
import { eventFormSchema, STREAM_BAD_SITE, STREAM_NOT_HTTPS } from "@/lib/validation/event-form";

// Every stream URL the corpus holds, through the event form's schema and into
// the Content-Security-Policy the page would get: the form refuses what has no
// plain origin, and no URL, accepted or not, can put more than one well-formed
// origin into frame-src.

const form = (streamUrl: string) => ({ title: "Talk", slug: "talk", description: "", streamUrl, startsAt: "2027-03-14T18:30", endsAt: "", timeZone: "UTC", isChatOn: "on", isQaOn: "" });
const streamErrors = (streamUrl: string) => eventFormSchema.safeParse(form(streamUrl)).error?.issues.filter((issue) => issue.path[0] === "streamUrl").map((issue) => issue.message) ?? [];

/** The frame-src tokens of the policy a page with this stream gets. */
function frameSources(streamUrl: string, options: { isHttps?: boolean; isDev?: boolean } = {}): string[] {
  const policy = contentSecurityPolicy("bm9uY2U=", { isDev: options.isDev ?? false, isHttps: options.isHttps ?? false, streamUrl, frameAncestors: [] });
  const directives = policy.split(";").map((directive) => directive.trim());
  // One policy, each directive once, no stray separators.
  expect(policy).not.toContain(",");
  expect(new Set(directives.map((directive) => directive.split(" ")[0])).size).toBe(directives.length);
  const frameSrc = directives.filter((directive) => directive.startsWith("frame-src "));
  expect(frameSrc).toHaveLength(1);
  return frameSrc[0].split(" ").slice(1);
}

/** scheme://host[:port], the host letters, digits and dashes between dots. */
const WELL_FORMED_ORIGIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

describe("stream URLs and the Content-Security-Policy", () => {
  it.each(Object.entries(UNFRAMABLE_STREAM_URLS))("refuses %s in the event form, and a stored one adds nothing to frame-src", (_label, streamUrl) => {
    const errors = streamErrors(streamUrl);
    expect(errors).toHaveLength(1);
    expect([STREAM_BAD_SITE, STREAM_NOT_HTTPS]).toContain(errors[0]);
    expect(streamOrigin(streamUrl)).toBeNull();
    for (const isHttps of [false, true]) expect(frameSources(streamUrl, { isHttps })).toEqual(["'self'"]);
  });

  it.each(Object.entries(FRAMABLE_STREAM_URLS))("accepts %s, and frame-src is exactly 'self' and its origin", (_label, { sent, origin }) => {
    expect(streamErrors(sent)).toEqual([]);
    expect(origin).toMatch(WELL_FORMED_ORIGIN);
    for (const isDev of [false, true]) expect(frameSources(sent, { isDev })).toEqual(["'self'", origin]);
  });

  it("says which rule a refused URL broke", () => {
    expect(streamErrors("https://evil.example;sandbox/")).toEqual([STREAM_BAD_SITE]);
    expect(streamErrors("https://user:pw@video.example.com/")).toEqual([STREAM_BAD_SITE]);
    // Plain http is refused in the form (the page embedding it is https), though STREAM_URL may use it.
    expect(streamErrors("http://video.example.com/")).toEqual([STREAM_NOT_HTTPS]);
    expect(frameSources("http://video.example.com:8080/live")).toEqual(["'self'", "http://video.example.com:8080"]);
    expect(STREAM_BAD_SITE).toMatch(/letters, digits, dashes and dots/);
  });

  it("lets Podium's placeholder and an empty field through, and frames nothing else for them", () => {
    for (const streamUrl of ["", "/stream", "/stream?talk=2"]) expect(streamErrors(streamUrl)).toEqual([]);
    expect(frameSources("/stream")).toEqual(["'self'"]);
    expect(frameSources("//evil.example/x")).toEqual(["'self'"]);
  });
});

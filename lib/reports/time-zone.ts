import "server-only";
import { cookies } from "next/headers";

// Report pages render on the server in the viewer's own time zone: the
// browser reports its zone once in a cookie (components/reports/time-zone-sync.tsx).
// Until then, and for anything invalid, times are shown in UTC.
export const TIME_ZONE_COOKIE = "podium_tz";

export async function getViewerTimeZone(): Promise<string> {
  const requested = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  if (!requested) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: requested });
    return requested;
  } catch {
    return "UTC";
  }
}

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone }).format(new Date(iso));
}

/** "Europe/Lisbon (GMT)" */
export function describeTimeZone(timeZone: string): string {
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "shortOffset" }).formatToParts(new Date()).find((part) => part.type === "timeZoneName")?.value;
  return offset && offset !== timeZone ? `${timeZone} (${offset})` : timeZone;
}

/** An event's dates: "24 Nov 2026, 18:00–20:00", the day written once when it ends the same day; no end, just the start. */
export function formatEventDates(startsAt: string, endsAt: string | null, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  return endsAt ? format.formatRange(new Date(startsAt), new Date(endsAt)) : format.format(new Date(startsAt));
}

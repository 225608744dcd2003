// The event form's "Starts at" is a wall-clock time (<input type="datetime-local">:
// "2027-03-14T18:30") in the organiser's time zone. These turn it into an instant
// and back with Intl alone, in the browser (the form's own check) and on the server.

/** The years an event's times may fall in: anything else is a typo (0025 for 2025), not a plan. */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Date.UTC, but years 0 to 99 stay themselves (Date.UTC reads them as 1900 to 1999). */
function utcTime(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const asUtc = utcTime(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * "2027-03-14T18:30" in `timeZone` as a Date, or null for text that is no such time.
 * A time skipped by a clock change (02:30 on a spring-forward night) lands an hour later, as clocks do.
 */
export function fromLocalDateTime(local: string, timeZone: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = utcTime(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The zone's offset at the guess, then again at the result: right on both sides of a clock change.
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  // In a skipped hour no instant shows this wall time; the offset from before the change moves it forward.
  return new Date(toLocalDateTime(new Date(second), timeZone) === local ? second : first);
}

/** A Date as the datetime-local text for `timeZone`: the value the form shows. */
export function toLocalDateTime(date: Date, timeZone: string): string {
  const shifted = new Date(date.getTime() + offsetAt(date.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whether a wall-clock time (already read by fromLocalDateTime) is in a year an event may use. */
export function isInEventYears(local: string): boolean {
  const year = Number(LOCAL_DATE_TIME.exec(local)?.[1]);
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

"use client";

import { useIsBrowser } from "./use-is-browser";

const inReaderZone = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
const inUtc = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

/** A date and time in the reader's own locale and time zone (UTC until the browser takes over). */
export function LocalDateTime({ iso, className }: { iso: string; className?: string }) {
  const isBrowser = useIsBrowser();
  const date = new Date(iso);
  return (
    <time dateTime={iso} className={className}>
      {(isBrowser ? inReaderZone : inUtc).format(date)}
    </time>
  );
}

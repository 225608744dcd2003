"use client";

const formatter = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** A time of day in the reader's own locale and zone, with the exact instant in the markup. */
export function ClockTime({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} className={className} title={new Date(iso).toLocaleString()}>
      {formatter.format(new Date(iso))}
    </time>
  );
}

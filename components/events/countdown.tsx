"use client";

import { useEffect, useState } from "react";
import { useIsBrowser } from "@/components/ui/use-is-browser";
import styles from "./countdown.module.css";

const UNITS = [
  ["days", 86_400],
  ["hours", 3_600],
  ["minutes", 60],
  ["seconds", 1],
] as const;

/** The time left until `iso`, ticking every second. Reaching zero changes nothing by itself: only the organiser starts an event. */
export function Countdown({ iso }: { iso: string }) {
  const isBrowser = useIsBrowser();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  if (!isBrowser) return <p className={styles.soon}>Starting soon</p>;
  const left = Math.max(0, Math.floor((Date.parse(iso) - now) / 1_000));
  if (left === 0) return <p className={styles.soon} data-testid="countdown">Starting any moment now: the stream appears here when the organiser goes live.</p>;
  const parts = UNITS.map(([unit, seconds], index) => {
    // Whole units of this size in what the larger units leave (days are not capped).
    const value = Math.floor((index === 0 ? left : left % UNITS[index - 1][1]) / seconds);
    return { unit, value };
  });
  // Days only when there are some; the rest always, so the clock does not jump about.
  const shown = parts[0].value === 0 ? parts.slice(1) : parts;
  const spoken = shown.map(({ unit, value }) => `${value} ${value === 1 ? unit.slice(0, -1) : unit}`).join(", ");
  return (
    <div className={styles.countdown} data-testid="countdown">
      <p className={styles.label} id="countdown-label">
        Starts in
      </p>
      {/* The numbers change every second: screen readers get the sentence once, not a tick each second. */}
      <ol className={styles.units} aria-labelledby="countdown-label" aria-describedby="countdown-spoken">
        {shown.map(({ unit, value }) => (
          <li key={unit} className={styles.unit}>
            <span className={styles.value}>{String(value).padStart(2, "0")}</span>
            <span className={styles.unitName}>{unit}</span>
          </li>
        ))}
      </ol>
      <p id="countdown-spoken" className="visually-hidden">
        {spoken}
      </p>
    </div>
  );
}

import Link from "next/link";
import styles from "./reports.module.css";

const VIEWS = [
  { area: "/analytics", label: "Each session" },
  { area: "/analytics/people", label: "Each person" },
] as const;

/** Switches an event's analytics table between viewing sessions and per-person totals. */
export function AnalyticsViews({ base, current }: { base: string; current: (typeof VIEWS)[number]["area"] }) {
  return (
    <nav aria-label="Analytics view" className={styles.views}>
      {VIEWS.map((view) => (
        <Link key={view.area} href={`${base}${view.area}`} className={styles.view} aria-current={view.area === current ? "page" : undefined}>
          {view.label}
        </Link>
      ))}
    </nav>
  );
}

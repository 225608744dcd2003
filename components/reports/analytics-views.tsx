import Link from "next/link";
import styles from "./reports.module.css";

const VIEWS = [
  { href: "/reports/analytics", label: "Each session" },
  { href: "/reports/analytics/people", label: "Each person" },
] as const;

/** Switches the analytics table between viewing sessions and per-person totals. */
export function AnalyticsViews({ current }: { current: (typeof VIEWS)[number]["href"] }) {
  return (
    <nav aria-label="Analytics view" className={styles.views}>
      {VIEWS.map((view) => (
        <Link key={view.href} href={view.href} className={styles.view} aria-current={view.href === current ? "page" : undefined}>
          {view.label}
        </Link>
      ))}
    </nav>
  );
}

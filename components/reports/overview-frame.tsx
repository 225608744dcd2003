import Link from "next/link";
import type { ReactNode } from "react";
import shell from "@/components/layout/page-shell.module.css";
import type { CurrentUser } from "@/lib/auth";
import { attendeesOverview, eventsOverview } from "@/lib/reports/report-definitions";
import styles from "./reports.module.css";
import { ReportsShell } from "./reports-shell";

const VIEWS = [
  { href: eventsOverview.path, label: "Each event" },
  { href: attendeesOverview.path, label: "Each person" },
] as const;

/** The overview across events: heading, the two views, and the page's table. */
export function OverviewFrame({ user, current, timeZone, children }: { user: CurrentUser; current: (typeof VIEWS)[number]["href"]; timeZone: string; children: ReactNode }) {
  return (
    <ReportsShell
      user={user}
      timeZone={timeZone}
      heading={
        <>
          <h1 className={shell.title}>Reports: all events</h1>
          <p className={shell.lead}>Every event that is not archived. Open one for its registrations, viewing sessions and chart.</p>
        </>
      }
    >
      <nav aria-label="Overview" className={styles.views}>
        {VIEWS.map((view) => (
          <Link key={view.href} href={view.href} className={styles.view} aria-current={view.href === current ? "page" : undefined}>
            {view.label}
          </Link>
        ))}
      </nav>
      {children}
    </ReportsShell>
  );
}

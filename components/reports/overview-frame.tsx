import Link from "next/link";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import shell from "@/components/layout/page-shell.module.css";
import type { CurrentUser } from "@/lib/auth";
import { attendeesOverview, eventsOverview } from "@/lib/reports/report-definitions";
import { describeTimeZone, TIME_ZONE_COOKIE } from "@/lib/reports/time-zone";
import styles from "./reports.module.css";
import { TimeZoneSync } from "./time-zone-sync";

const VIEWS = [
  { href: eventsOverview.path, label: "Each event" },
  { href: attendeesOverview.path, label: "Each person" },
] as const;

/** The overview across events: heading, the two views, and the page's table. */
export function OverviewFrame({ user, current, timeZone, children }: { user: CurrentUser; current: (typeof VIEWS)[number]["href"]; timeZone: string; children: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} current="/reports" />
      <TimeZoneSync current={timeZone} cookieName={TIME_ZONE_COOKIE} />
      <main className={`${shell.main} ${shell.wide}`}>
        <div className={styles.heading}>
          <div className={styles.titleBlock}>
            <h1 className={shell.title}>Reports: all events</h1>
            <p className={shell.lead}>Every event that is not archived. Open one for its registrations, viewing sessions and chart.</p>
          </div>
          <p className={styles.zone} data-testid="time-zone">
            Times in {describeTimeZone(timeZone)}. Exports are in UTC.
          </p>
        </div>
        <nav aria-label="Overview" className={styles.views}>
          {VIEWS.map((view) => (
            <Link key={view.href} href={view.href} className={styles.view} aria-current={view.href === current ? "page" : undefined}>
              {view.label}
            </Link>
          ))}
        </nav>
        {children}
      </main>
    </>
  );
}

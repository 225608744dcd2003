import Link from "next/link";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import shell from "@/components/layout/page-shell.module.css";
import type { CurrentUser } from "@/lib/auth";
import { getReportSummary } from "@/lib/reports/report-summary";
import { describeTimeZone, TIME_ZONE_COOKIE } from "@/lib/reports/time-zone";
import { ReportSummaryCards } from "./report-summary";
import styles from "./reports.module.css";
import { TimeZoneSync } from "./time-zone-sync";
import { ViewersChart } from "./viewers-chart";

const TABS = [
  { href: "/reports/users", label: "Registered users" },
  { href: "/reports/analytics", label: "Analytics" },
] as const;

/** Header, summary figures, the viewers chart and the tabs; the page puts its table below. */
export async function ReportsFrame({ user, current, timeZone, children }: { user: CurrentUser; current: (typeof TABS)[number]["href"]; timeZone: string; children: ReactNode }) {
  const summary = await getReportSummary();
  return (
    <>
      <SiteHeader user={user} current="/reports" />
      <TimeZoneSync current={timeZone} cookieName={TIME_ZONE_COOKIE} />
      <main className={`${shell.main} ${shell.wide}`}>
        <div className={styles.heading}>
          <h1 className={shell.title}>Reports</h1>
          <p className={styles.zone} data-testid="time-zone">
            Times in {describeTimeZone(timeZone)}. Exports are in UTC.
          </p>
        </div>
        <ReportSummaryCards summary={summary} timeZone={timeZone} />
        <section className={styles.panel} aria-labelledby="chart-title">
          <h2 id="chart-title" className={styles.panelTitle}>
            Viewers over time
          </h2>
          <ViewersChart series={summary.series} peak={summary.peak} timeZone={timeZone} />
        </section>
        <nav aria-label="Reports" className={styles.tabs}>
          {TABS.map((tab) => (
            <Link key={tab.href} href={tab.href} className={styles.tab} aria-current={tab.href === current ? "page" : undefined}>
              {tab.label}
            </Link>
          ))}
        </nav>
        {children}
      </main>
    </>
  );
}

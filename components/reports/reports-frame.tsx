import Link from "next/link";
import type { ReactNode } from "react";
import shell from "@/components/layout/page-shell.module.css";
import type { CurrentUser } from "@/lib/auth";
import { eventsOverview } from "@/lib/reports/report-definitions";
import type { ReportEvent } from "@/lib/reports/report-event";
import { getReportSummary } from "@/lib/reports/report-summary";
import { formatEventDates } from "@/lib/reports/time-zone";
import { StateBadge } from "@/components/events/state-badge";
import { ReportSummaryCards } from "./report-summary";
import styles from "./reports.module.css";
import { ReportsShell } from "./reports-shell";
import { ViewersChart } from "./viewers-chart";

const TABS = [
  { area: "/users", label: "Registered users" },
  { area: "/analytics", label: "Analytics" },
] as const;

export type ReportTab = (typeof TABS)[number]["area"];

/** One event's header, summary figures, viewers chart and tabs; the page puts its table below. */
export async function ReportsFrame({ user, event, current, timeZone, children }: { user: CurrentUser; event: ReportEvent; current: ReportTab; timeZone: string; children: ReactNode }) {
  const summary = await getReportSummary(event.id);
  return (
    <ReportsShell
      user={user}
      timeZone={timeZone}
      heading={
        <>
          {/* A plain link: another event's pages (and the overview) load afresh, with their own headers. */}
          <a href={eventsOverview.path} className={styles.backLink}>
            <span aria-hidden="true">←</span> All events
          </a>
          {/* The seed's heading, kept; the event it reports on is named right under it. */}
          <h1 className={shell.title}>Reports</h1>
          <p className={styles.eventLine} data-testid="report-event">
            <strong>{event.title}</strong>
            <StateBadge state={event.state} isArchived={event.isArchived} />
            <span>{formatEventDates(event.startsAt, event.endsAt, timeZone)}</span>
            <span className={styles.slug}>/e/{event.slug}</span>
          </p>
        </>
      }
    >
      <ReportSummaryCards summary={summary} timeZone={timeZone} />
      <section className={styles.panel} aria-labelledby="chart-title">
        <h2 id="chart-title" className={styles.panelTitle}>
          Viewers over time
        </h2>
        <ViewersChart series={summary.series} peak={summary.peak} timeZone={timeZone} />
      </section>
      <nav aria-label="Reports" className={styles.tabs}>
        {TABS.map((tab) => (
          <Link key={tab.area} href={`${event.base}${tab.area}`} className={styles.tab} aria-current={tab.area === current ? "page" : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      {children}
    </ReportsShell>
  );
}

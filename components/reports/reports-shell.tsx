import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import shell from "@/components/layout/page-shell.module.css";
import type { CurrentUser } from "@/lib/auth";
import { describeTimeZone, TIME_ZONE_COOKIE } from "@/lib/reports/time-zone";
import styles from "./reports.module.css";
import { TimeZoneSync } from "./time-zone-sync";

/** What every reports page has around it: the header, the viewer's time zone kept in step, and a heading that says which zone times are in. */
export function ReportsShell({ user, timeZone, heading, children }: { user: CurrentUser; timeZone: string; heading: ReactNode; children: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} current="/reports" />
      <TimeZoneSync current={timeZone} cookieName={TIME_ZONE_COOKIE} />
      <main className={`${shell.main} ${shell.wide}`}>
        <div className={styles.heading}>
          <div className={styles.titleBlock}>{heading}</div>
          <p className={styles.zone} data-testid="time-zone">
            Times in {describeTimeZone(timeZone)}. Exports are in UTC.
          </p>
        </div>
        {children}
      </main>
    </>
  );
}

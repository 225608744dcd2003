import type { CurrentUser } from "@/lib/auth";
import { eventPath } from "@/lib/events/event-paths";
import type { EventState } from "@/lib/generated/prisma/enums";
import type { EventSort } from "@/lib/reports/overview-queries";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { eventsOverview } from "@/lib/reports/report-definitions";
import type { EventRow } from "@/lib/reports/report-rows";
import { formatEventDates, getViewerTimeZone } from "@/lib/reports/time-zone";
import { StateBadge } from "@/components/events/state-badge";
import { OverviewFrame } from "./overview-frame";
import { ReportTable, type ReportColumn } from "./report-table";
import styles from "./reports.module.css";

const number = new Intl.NumberFormat("en-GB");

/** One row per event with its headline figures; each title opens that event's reports. */
export async function EventsOverviewReport({ user, searchParams }: { user: CurrentUser; searchParams: Record<string, string | string[] | undefined> }) {
  const params = eventsOverview.params(searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(eventsOverview.query(params), params, eventsOverview.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<EventRow, EventSort>[] = [
    {
      label: "Event",
      sort: "title",
      cell: (row) => (
        <span className={styles.eventCell}>
          {/* A plain link: each event's pages load afresh. */}
          <a href={eventPath(row, "/reports")} className={styles.eventLink}>
            {row.title}
          </a>
          <span className={styles.eventMeta}>
            <StateBadge state={row.state as EventState} />
            <span className={styles.slug}>/e/{row.slug}</span>
          </span>
        </span>
      ),
    },
    { label: "Dates", sort: "startsAt", cell: (row) => <time dateTime={row.startsAt}>{formatEventDates(row.startsAt, row.endsAt, timeZone)}</time> },
    { label: "Registered", sort: "registered", numeric: true, cell: (row) => number.format(row.registered) },
    { label: "Unique viewers", sort: "viewers", numeric: true, cell: (row) => number.format(row.viewers) },
    { label: "Minutes watched", sort: "minutes", numeric: true, cell: (row) => number.format(row.minutes) },
    { label: "Average", sort: "average", numeric: true, cell: (row) => `${number.format(row.averageMinutes)} min` },
    { label: "Peak", sort: "peak", numeric: true, cell: (row) => number.format(row.peak) },
  ];
  return (
    <OverviewFrame user={user} current={eventsOverview.path} timeZone={timeZone}>
      <ReportTable
        caption="Events"
        path={eventsOverview.path}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        searchLabel="Search event title or link"
        noMatch="No event matches"
        emptyText="No events yet. Each event an organiser creates gets a row here, with its registrations and watch time."
      />
    </OverviewFrame>
  );
}

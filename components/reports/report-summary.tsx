import type { ReportSummary } from "@/lib/reports/report-summary";
import { formatDateTime } from "@/lib/reports/time-zone";
import styles from "./reports.module.css";

const number = new Intl.NumberFormat("en-GB");

/** The headline figures; each says in words what it counts. */
export function ReportSummaryCards({ summary, timeZone }: { summary: ReportSummary; timeZone: string }) {
  const cards = [
    { label: "Registered", value: number.format(summary.registered), hint: "attendees who registered", testId: "summary-registered" },
    { label: "Unique viewers", value: number.format(summary.uniqueViewers), hint: "people who opened the stream", testId: "summary-viewers" },
    { label: "Minutes watched", value: number.format(summary.totalMinutes), hint: "all viewers, all sessions", testId: "summary-minutes" },
    { label: "Average per viewer", value: `${number.format(summary.averageMinutes)} min`, hint: "minutes watched ÷ unique viewers", testId: "summary-average" },
    { label: "Watching now", value: number.format(summary.watchingNow), hint: "with the stream open right now", testId: "summary-now" },
    {
      label: "Peak concurrent",
      value: number.format(summary.peak.viewers),
      hint: summary.peak.at ? `at ${formatDateTime(summary.peak.at, timeZone)}` : "no sessions yet",
      testId: "summary-peak",
    },
  ];
  return (
    <dl className={styles.cards}>
      {cards.map((card) => (
        <div key={card.label} className={styles.card} data-testid={card.testId}>
          <dt className={styles.cardLabel}>{card.label}</dt>
          <dd className={styles.cardValue}>{card.value}</dd>
          <dd className={styles.cardHint}>{card.hint}</dd>
        </div>
      ))}
    </dl>
  );
}

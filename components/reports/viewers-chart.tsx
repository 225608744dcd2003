import { axisTicks, type SeriesPoint } from "@/lib/reports/viewers-over-time";
import { formatDateTime, formatTime } from "@/lib/reports/time-zone";
import styles from "./reports.module.css";

// Drawn twice, for wide screens and for phones, so the written labels stay readable on both;
// CSS shows one. The top padding leaves room for the peak label above the highest point,
// where the line never goes.
const LAYOUTS = {
  wide: { width: 800, height: 220, className: styles.wideChart },
  narrow: { width: 360, height: 220, className: styles.narrowChart },
} as const;
const PAD = { top: 34, right: 16, bottom: 28, left: 40 };
// Half the width of "Peak 99999" at 13 px, so the centred label never leaves the plot.
const PEAK_LABEL_HALF_WIDTH = 40;

type ChartProps = { series: SeriesPoint[]; peak: { viewers: number; at: string | null }; timeZone: string };

/**
 * Concurrent viewers over the event as plain SVG: readable without hovering
 * (axis labels and the peak are written on it), with a text summary and the
 * data as a table for screen readers and anyone who wants the numbers.
 */
export function ViewersChart({ series, peak, timeZone }: ChartProps) {
  if (series.length === 0) {
    return <p className={styles.empty}>The chart of viewers over time appears once someone has opened the stream.</p>;
  }
  const first = series[0].at;
  const last = series[series.length - 1].at;
  const summary = `Concurrent viewers from ${formatDateTime(first, timeZone)} to ${formatDateTime(last, timeZone)}; peak of ${peak.viewers}${peak.at ? ` at ${formatDateTime(peak.at, timeZone)}` : ""}.`;

  return (
    <figure className={styles.chart}>
      <ChartDrawing layout="wide" series={series} peak={peak} timeZone={timeZone} summary={summary} />
      <ChartDrawing layout="narrow" series={series} peak={peak} timeZone={timeZone} summary={summary} />
      <figcaption className={styles.chartCaption}>{summary}</figcaption>
      <details className={styles.chartData}>
        <summary>Show the numbers</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col" className={styles.numeric}>
                Viewers
              </th>
            </tr>
          </thead>
          <tbody>
            {series.map((point) => (
              <tr key={point.at}>
                <td>{formatDateTime(point.at, timeZone)}</td>
                <td className={styles.numeric}>{point.viewers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function ChartDrawing({ layout, series, peak, timeZone, summary }: ChartProps & { layout: keyof typeof LAYOUTS; summary: string }) {
  const { width, height, className } = LAYOUTS[layout];
  const max = Math.max(1, peak.viewers, ...series.map((point) => point.viewers));
  const plotWidth = width - PAD.left - PAD.right;
  const plotHeight = height - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (series.length === 1 ? plotWidth / 2 : (index / (series.length - 1)) * plotWidth);
  const y = (viewers: number) => PAD.top + plotHeight - (viewers / max) * plotHeight;
  const line = series.map((point, index) => `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.viewers).toFixed(1)}`).join(" ");
  const area = `${line} L${x(series.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const peakIndex = series.findIndex((point) => point.viewers === max);
  const peakLabelX = Math.min(Math.max(x(peakIndex), PAD.left + PEAK_LABEL_HALF_WIDTH), width - PAD.right - PEAK_LABEL_HALF_WIDTH);

  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className={`${styles.chartSvg} ${className}`}>
      {axisTicks(max).map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} className={styles.gridLine} />
          <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" className={styles.axisLabel}>
            {tick}
          </text>
        </g>
      ))}
      <path d={area} className={styles.area} />
      <path d={line} className={styles.line} />
      {peakIndex >= 0 && (
        <g>
          <circle cx={x(peakIndex)} cy={y(max)} r={5} className={styles.peakDot} />
          <text x={peakLabelX} y={y(max) - 12} textAnchor="middle" className={styles.peakLabel}>
            Peak {peak.viewers}
          </text>
        </g>
      )}
      <text x={PAD.left} y={height - 8} className={styles.axisLabel}>
        {formatTime(series[0].at, timeZone)}
      </text>
      <text x={width - PAD.right} y={height - 8} textAnchor="end" className={styles.axisLabel}>
        {formatTime(series[series.length - 1].at, timeZone)}
      </text>
    </svg>
  );
}

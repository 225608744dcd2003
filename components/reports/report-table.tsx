import Link from "next/link";
import type { ReactNode } from "react";
import buttonStyles from "@/components/ui/button.module.css";
import type { ReportPage } from "@/lib/reports/fetch-report-page";
import { PAGE_SIZES, reportHref, type ReportParams } from "@/lib/reports/report-params";
import styles from "./reports.module.css";

export type ReportColumn<Row, Sort extends string> = { label: string; sort?: Sort; numeric?: boolean; cell: (row: Row) => ReactNode };

type Props<Row, Sort extends string> = {
  caption: string;
  path: string;
  /** Where "Download CSV" points, when it is not `path` (an event's exports always name the event). */
  exportPath?: string;
  params: ReportParams<Sort>;
  columns: ReportColumn<Row, Sort>[];
  page: ReportPage<Row>;
  rowKey: (row: Row) => number;
  emptyText: string;
  /** What the search box looks in. */
  searchLabel?: string;
  /** The empty state of a search: "No one matches" for people, "No event matches" for events. */
  noMatch?: string;
};

/**
 * A server-rendered report table: search, sortable headers, page size and
 * paging are all plain links and GET forms, so every state is a URL that can
 * be bookmarked or shared, and it works without JavaScript.
 */
export function ReportTable<Row, Sort extends string>({ caption, path, exportPath = path, params, columns, page, rowKey, emptyText, searchLabel = "Search name or email", noMatch = "No one matches" }: Props<Row, Sort>) {
  const shown = { ...params, page: page.page };
  const first = page.total === 0 ? 0 : (page.page - 1) * params.size + 1;
  const last = Math.min(page.page * params.size, page.total);
  const exportQuery = new URLSearchParams({ sort: params.sort, dir: params.dir, ...(params.q ? { q: params.q } : {}) });
  return (
    <section className={styles.report} aria-label={caption}>
      <div className={styles.toolbar}>
        <form method="get" action={path} className={styles.search} role="search">
          <label htmlFor="report-search" className={styles.searchLabel}>
            {searchLabel}
          </label>
          <input id="report-search" name="q" type="search" defaultValue={params.q} maxLength={100} className={styles.searchInput} />
          <input type="hidden" name="sort" value={params.sort} />
          <input type="hidden" name="dir" value={params.dir} />
          <input type="hidden" name="size" value={params.size} />
          <button type="submit" className={buttonStyles.secondary}>
            Search
          </button>
          {params.q && (
            <Link href={reportHref(path, params, { q: "", page: 1 })} className={styles.clear}>
              Clear
            </Link>
          )}
        </form>
        <a href={`${exportPath}/export?${exportQuery.toString()}`} className={buttonStyles.button} download>
          Download CSV
        </a>
      </div>

      {page.total === 0 ? (
        <p className={styles.empty} data-testid="report-empty">
          {params.q ? `${noMatch} “${params.q}”.` : emptyText}
        </p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="report-table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((column) => {
                  const isSorted = column.sort === params.sort;
                  const nextDir = isSorted && params.dir === "asc" ? "desc" : "asc";
                  return (
                    <th key={column.label} scope="col" className={column.numeric ? styles.numeric : undefined} aria-sort={isSorted ? (params.dir === "asc" ? "ascending" : "descending") : undefined}>
                      {column.sort ? (
                        <Link href={reportHref(path, params, { sort: column.sort, dir: nextDir, page: 1 })} className={styles.sortLink}>
                          {column.label}
                          <span aria-hidden="true" className={styles.sortMark}>
                            {isSorted ? (params.dir === "asc" ? "▲" : "▼") : "↕"}
                          </span>
                        </Link>
                      ) : (
                        column.label
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.label} className={column.numeric ? styles.numeric : undefined}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className={styles.pager}>
        <p className={styles.range} data-testid="report-range">
          {page.total ? `Showing ${first}–${last} of ${page.total.toLocaleString("en-GB")}` : "Nothing to show"}
        </p>
        <nav aria-label="Pages" className={styles.pages}>
          <PageLink href={reportHref(path, shown, { page: 1 })} isDisabled={page.page <= 1} label="First" />
          <PageLink href={reportHref(path, shown, { page: page.page - 1 })} isDisabled={page.page <= 1} label="Previous" />
          <span className={styles.pageOf}>
            Page {page.page} of {page.pageCount}
          </span>
          <PageLink href={reportHref(path, shown, { page: page.page + 1 })} isDisabled={page.page >= page.pageCount} label="Next" />
          <PageLink href={reportHref(path, shown, { page: page.pageCount })} isDisabled={page.page >= page.pageCount} label="Last" />
        </nav>
        <form method="get" action={path} className={styles.sizeForm}>
          <input type="hidden" name="q" value={params.q} />
          <input type="hidden" name="sort" value={params.sort} />
          <input type="hidden" name="dir" value={params.dir} />
          <label htmlFor="report-size">Rows per page</label>
          <select id="report-size" name="size" defaultValue={params.size} className={styles.select}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
          <button type="submit" className={buttonStyles.secondary}>
            Show
          </button>
        </form>
      </div>
    </section>
  );
}

function PageLink({ href, isDisabled, label }: { href: string; isDisabled: boolean; label: string }) {
  if (isDisabled) {
    return (
      <span className={styles.pageDisabled} aria-disabled="true">
        {label}
      </span>
    );
  }
  return (
    <Link href={href} className={styles.pageLink}>
      {label}
    </Link>
  );
}

import { z } from "zod";

// What the report URLs carry: ?q=&sort=&dir=&page=&size=. Anything unexpected
// falls back to the default instead of failing, so an edited URL still works.

export const PAGE_SIZES = [25, 50, 100, 250] as const;
export const DEFAULT_PAGE_SIZE = 50;

export type ReportParams<Sort extends string> = { q: string; sort: Sort; dir: "asc" | "desc"; page: number; size: number };

export function parseReportParams<Sort extends string>(
  searchParams: Record<string, string | string[] | undefined>,
  sorts: readonly Sort[],
  defaults: { sort: Sort; dir: "asc" | "desc" },
): ReportParams<Sort> {
  const first = (key: string) => {
    const value = searchParams[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  return {
    q: pick(z.string().transform((text) => text.trim().slice(0, 100)), first("q"), ""),
    sort: pick(z.enum(sorts as [Sort, ...Sort[]]), first("sort"), defaults.sort),
    dir: pick(z.enum(["asc", "desc"]), first("dir"), defaults.dir),
    page: pick(z.coerce.number().int().min(1).max(1_000_000), first("page"), 1),
    size: pick(z.coerce.number().pipe(z.union(PAGE_SIZES.map((size) => z.literal(size)))), first("size"), DEFAULT_PAGE_SIZE),
  };
}

/** A LIKE pattern matching the text anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The query string for a report URL, leaving out defaults so links stay short. */
export function reportHref<Sort extends string>(path: string, params: ReportParams<Sort>, changes: Partial<ReportParams<Sort>>): string {
  const next = { ...params, ...changes };
  const query = new URLSearchParams();
  if (next.q) query.set("q", next.q);
  query.set("sort", next.sort);
  query.set("dir", next.dir);
  if (next.page > 1) query.set("page", String(next.page));
  if (next.size !== DEFAULT_PAGE_SIZE) query.set("size", String(next.size));
  return `${path}?${query.toString()}`;
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AREAS, areaPathOf } from "../lib/access";

// SECURITY.md's "Who can do what" table, read the way a person reads it, and
// the inventory of what the code actually serves, read from the source tree,
// so the authorization matrix spec can hold the two against each other.

export const COLUMNS = ["signed out", "viewer", "speaker", "moderator", "admin"] as const;
export type Column = (typeof COLUMNS)[number];
export const KINDS = ["page", "route", "action", "socket"] as const;
export type Kind = (typeof KINDS)[number];
export type MatrixRow = { kind: Kind; what: string; key: string; cells: Record<Column, string> };

/** The cell vocabulary SECURITY.md explains; anything else is a typo the spec reports. */
const CELL = /^(yes|yes → \/\S*|no → \/\S* \((sign in|forbidden)\)|403|refused|forbidden|unauthorized|not_found|not_registered)$/;

const splitRow = (line: string) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());

/**
 * A row's key: what the code calls it, taken from the backticked names in its
 * "What" cell. Pages, routes and actions: the first name (`/watch`,
 * `GET /healthz`, `register`). Socket rows: the event, then the surfaces it is
 * sent from ("ping from mod+speaker"), and " in another event" for a row about
 * another event's room or items. A row with no backticked name is not tied to
 * code yet; its key is its words.
 */
function rowKey(kind: Kind, what: string): string {
  const names = [...what.matchAll(/`([^`]+)`/g)].map(([, name]) => name);
  if (names.length === 0) return what;
  if (kind !== "socket") return names[0];
  const [event, ...surfaces] = names;
  const key = surfaces.length ? `${event} from ${surfaces.join("+")}` : event;
  return /\banother event\b/.test(what) ? `${key} ${IN_ANOTHER_EVENT}` : key;
}

/** The end of a socket row's key about another event's room or items (SECURITY.md: "… of another event"). */
export const IN_ANOTHER_EVENT = "in another event";

/** The table under "## Who can do what"; throws with the reason when it is missing or malformed. */
export function readSecurityTable(file = "SECURITY.md"): MatrixRow[] {
  const section = readFileSync(file, "utf8")
    .split(/^## /m)
    .find((part) => part.startsWith("Who can do what\n"));
  if (!section) throw new Error(`${file} has no "## Who can do what" section.`);
  const lines = section.split("\n");
  const start = lines.findIndex((line) => /^\|\s*Kind\s*\|/.test(line));
  if (start < 0) throw new Error(`${file}: no table whose first column is "Kind" under "Who can do what".`);
  const end = lines.findIndex((line, index) => index > start && !line.trim().startsWith("|"));
  const [header, , ...body] = lines.slice(start, end < 0 ? undefined : end).map(splitRow);
  const expected = ["Kind", "What", ...COLUMNS];
  if (header.join(" | ") !== expected.join(" | ")) throw new Error(`${file}: the table's columns are "${header.join(" | ")}", expected "${expected.join(" | ")}".`);

  const problems: string[] = [];
  const rows = body.map((cells, index) => {
    const [kind, what, ...verdicts] = cells;
    const where = `${file}, table row ${index + 1} (${what})`;
    if (cells.length !== expected.length) problems.push(`${where}: ${cells.length} cells, expected ${expected.length}.`);
    if (!(KINDS as readonly string[]).includes(kind)) problems.push(`${where}: kind "${kind}" is not one of ${KINDS.join(", ")}.`);
    for (const [column, verdict] of verdicts.entries()) if (!CELL.test(verdict ?? "")) problems.push(`${where}, ${COLUMNS[column]}: "${verdict}" is not in the cell vocabulary.`);
    const row: MatrixRow = { kind: kind as Kind, what, key: rowKey(kind as Kind, what), cells: Object.fromEntries(COLUMNS.map((column, at) => [column, verdicts[at] ?? ""])) as Record<Column, string> };
    return row;
  });
  const keys = rows.map((row) => `${row.kind} ${row.key}`);
  for (const key of new Set(keys.filter((key, index) => keys.indexOf(key) !== index))) problems.push(`${file}: two rows for ${key}.`);
  if (problems.length) throw new Error(problems.join("\n"));
  return rows;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** app/(staff)/reports/users/export/route.ts → /reports/users/export: route groups are not part of the URL (a dynamic segment stays `[slug]`). */
function urlOf(file: string): string {
  const segments = path.dirname(path.relative("app", file)).split(path.sep);
  return `/${segments.filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment)).join("/")}`;
}

const source = (file: string) => readFileSync(file, "utf8");

/** What the code serves: pages, route handlers, server actions, socket events and surfaces, each with where it was found. */
export function readCodeInventory() {
  const appFiles = filesUnder("app");
  const pages = new Map<string, string>();
  for (const file of appFiles.filter((candidate) => /\/page\.tsx?$/.test(candidate))) pages.set(urlOf(file), file);
  for (const area of Object.keys(AREAS)) if (!pages.has(area)) pages.set(area, "lib/access.ts AREAS");

  const routes = new Map<string, string>();
  for (const file of appFiles.filter((candidate) => /\/route\.tsx?$/.test(candidate))) {
    for (const [, method] of source(file).matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) routes.set(`${method} ${urlOf(file)}`, file);
  }

  // Server actions: every export of a file that starts with "use server", wherever it lives.
  const actions = new Map<string, string>();
  for (const file of [...appFiles, ...filesUnder("components"), ...filesUnder("lib")].filter((candidate) => /\.tsx?$/.test(candidate))) {
    const text = source(file);
    if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(text)) continue;
    for (const [, name] of text.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)) actions.set(name, file);
  }

  // Socket events: each handler file names its events, as defineHandler("chat", …) or { event: "approve", … }.
  const events = new Map<string, string>();
  for (const file of filesUnder(path.join("lib", "realtime", "handlers")).filter((candidate) => candidate.endsWith(".ts"))) {
    for (const [, name] of source(file).matchAll(/(?:defineHandler\(\s*|\bevent:\s*)"([\w:-]+)"/g)) events.set(name, file);
  }
  const contract = source(path.join("lib", "realtime", "contract.ts"));
  const clientEvents = contract.match(/interface ClientToServerEvents \{([\s\S]*?)\n\}/)?.[1] ?? "";
  const contractEvents = [...clientEvents.matchAll(/^\s*"?([\w:-]+)"?\s*:/gm)].map(([, name]) => name);
  const surfaces = [...(contract.match(/export type Surface = ([^;]+);/)?.[1] ?? "").matchAll(/"(\w+)"/g)].map(([, name]) => name);

  return { pages, routes, actions, events, contractEvents, surfaces };
}

/** A row's path with a real id: `/events/[id]` → `/events/1`, the first event, which the events migration made and no spec archives. */
export function realPath(pathname: string): string {
  return pathname.replaceAll("[id]", "1");
}

/** The socket event and the surfaces a socket row is sent from ("ping from mod+speaker"); plain events go from a watch socket. */
export function socketRowParts(row: MatrixRow): { event: string; surfaces: string[]; isInAnotherEvent: boolean } {
  const isInAnotherEvent = row.key.endsWith(` ${IN_ANOTHER_EVENT}`);
  const [event, from] = row.key.replace(` ${IN_ANOTHER_EVENT}`, "").split(" from ");
  return { event, surfaces: from ? from.split("+") : ["watch"], isInAnotherEvent };
}

export function isInCode(row: MatrixRow, code: ReturnType<typeof readCodeInventory>): boolean {
  if (row.kind === "page") return code.pages.has(row.key);
  if (row.kind === "route") return code.routes.has(row.key) || (row.key.startsWith("GET ") && isServedOutsideNext(row.key.slice(4)));
  if (row.kind === "action") return code.actions.has(row.key);
  const { event, surfaces } = socketRowParts(row);
  return (event === "connect" || code.events.has(event)) && surfaces.every((surface) => code.surfaces.includes(surface));
}

/** Routes answered before Next (server.ts, lib/http): these cannot be listed from app/, so a row is only checked to be named there. */
function isServedOutsideNext(pathname: string): boolean {
  const files = ["server.ts", ...filesUnder(path.join("lib", "http"))].filter((file) => existsSync(file));
  return files.some((file) => source(file).includes(`"${pathname}"`));
}

/** The area whose sign-in a path sends a refused visitor to: /reports/users/export → /reports, /e/x/mod → /e/x/mod. */
export function areaOf(pathname: string): string | null {
  return areaPathOf(pathname);
}

/** A row's `[slug]` (in its path and in its cells) made the real slug of the event the test runs against. */
export function withSlug(text: string, slug: string): string {
  return text.replaceAll("[slug]", slug);
}

import type { Role } from "./generated/prisma/enums";

// Who may open which area. Pure data and rules, used by the guards in
// lib/auth.ts, by staff sign-in to pick where to land, and by the header.

export const AREAS = {
  "/watch": { label: "Event", name: "the event", roles: ["viewer", "moderator", "speaker", "admin"] },
  "/mod": { label: "Moderate", name: "the moderator dashboard", roles: ["moderator", "admin"] },
  "/speaker": { label: "Speaker", name: "the speaker view", roles: ["speaker", "moderator", "admin"] },
  "/events": { label: "Events", name: "the events", roles: ["admin"] },
  "/reports": { label: "Reports", name: "the reports", roles: ["admin"] },
} as const satisfies Record<string, { label: string; name: string; roles: readonly Role[] }>;

export type Area = keyof typeof AREAS;
export type StaffArea = Exclude<Area, "/watch">;

export function isArea(path: string | null | undefined): path is Area {
  return typeof path === "string" && Object.hasOwn(AREAS, path);
}

export function canOpen(role: Role, area: Area): boolean {
  return (AREAS[area].roles as readonly Role[]).includes(role);
}

// Every event's pages repeat the areas under /e/<slug> (lib/events/event-paths.ts).
// The slug's own rule (lib/events/event-slug.ts SLUG_PATTERN), repeated here so this file stays free of zod.
const EVENT_AREA_PATH = /^\/e\/[a-z0-9]+(?:-[a-z0-9]+)*(?=\/)/;
const EVENT_AREAS = new Set<Area>(["/watch", "/mod", "/speaker", "/reports"]);

/**
 * The area a path is in, whichever event it is for: "/mod" and "/e/spring-keynote/mod" → "/mod",
 * "/reports/users" and "/e/x/reports/users/export" → "/reports". Null for any other path
 * (an event's registration page, /staff, or something that only looks like an area: "/watchers").
 */
export function areaOfPath(pathname: string | null | undefined): Area | null {
  return areaMatch(pathname)?.area ?? null;
}

/** The page that area starts at, on the same event: "/e/x/reports/users" → "/e/x/reports", "/mod" → "/mod". */
export function areaPathOf(pathname: string | null | undefined): string | null {
  const match = areaMatch(pathname);
  return match ? match.prefix + match.area : null;
}

function areaMatch(pathname: string | null | undefined): { prefix: string; area: Area } | null {
  if (typeof pathname !== "string") return null;
  const prefix = EVENT_AREA_PATH.exec(pathname)?.[0] ?? "";
  const rest = pathname.slice(prefix.length);
  const area = (Object.keys(AREAS) as Area[]).find((candidate) => rest === candidate || rest.startsWith(`${candidate}/`));
  if (!area || (prefix && !EVENT_AREAS.has(area))) return null;
  return { prefix, area };
}

/** Where a signed-in person lands by default. */
export function homeFor(role: Role): Area {
  if (role === "admin") return "/reports";
  if (role === "moderator") return "/mod";
  if (role === "speaker") return "/speaker";
  return "/watch";
}

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

/** Where a signed-in person lands by default. */
export function homeFor(role: Role): Area {
  if (role === "admin") return "/reports";
  if (role === "moderator") return "/mod";
  if (role === "speaker") return "/speaker";
  return "/watch";
}

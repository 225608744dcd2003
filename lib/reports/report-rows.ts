import { utcIso } from "../sql-time";

// The rows of each report as pages and exports show them. Times are ISO 8601 UTC.

export type UserRow = { id: number; name: string; email: string; phone: string; registeredAt: string };
export type SessionRow = { id: number; name: string; email: string; loginTime: string; lastActive: string; minutes: number };
export type PersonRow = { id: number; name: string; email: string; sessions: number; firstJoin: string; lastActive: string; minutes: number };

export const toUserRow = (raw: Record<string, unknown>): UserRow => ({
  id: Number(raw.id),
  name: String(raw.name),
  email: String(raw.email),
  phone: raw.phone == null ? "" : String(raw.phone),
  registeredAt: utcIso(raw.registeredAt as string)!,
});

export const toSessionRow = (raw: Record<string, unknown>): SessionRow => ({
  id: Number(raw.id),
  name: String(raw.name),
  email: String(raw.email),
  loginTime: utcIso(raw.loginTime as string)!,
  lastActive: utcIso(raw.lastActive as string)!,
  minutes: Number(raw.minutes),
});

export const toPersonRow = (raw: Record<string, unknown>): PersonRow => ({
  id: Number(raw.id),
  name: String(raw.name),
  email: String(raw.email),
  sessions: Number(raw.sessions),
  firstJoin: utcIso(raw.firstJoin as string)!,
  lastActive: utcIso(raw.lastActive as string)!,
  minutes: Number(raw.minutes),
});

/** Minutes watched ÷ unique viewers, to one decimal: the summary cards and the overview both say it this way. */
export function averagePerViewer(minutes: number, viewers: number): number {
  return viewers ? Math.round((minutes / viewers) * 10) / 10 : 0;
}

export type EventRow = {
  id: number;
  slug: string;
  title: string;
  state: string;
  isFeatured: boolean;
  startsAt: string;
  endsAt: string | null;
  registered: number;
  viewers: number;
  minutes: number;
  averageMinutes: number;
  peak: number;
};

export const toEventRow = (raw: Record<string, unknown>): EventRow => ({
  id: Number(raw.id),
  slug: String(raw.slug),
  title: String(raw.title),
  state: String(raw.state),
  isFeatured: Boolean(raw.isFeatured),
  startsAt: utcIso(raw.startsAt as string)!,
  endsAt: utcIso(raw.endsAt as string | null),
  registered: Number(raw.registered),
  viewers: Number(raw.viewers),
  minutes: Number(raw.minutes),
  averageMinutes: averagePerViewer(Number(raw.minutes), Number(raw.viewers)),
  peak: Number(raw.peak),
});

export type MinutesInEvent = { slug: string; title: string; isFeatured: boolean; minutes: number };
export type AttendeeRow = { id: number; name: string; email: string; events: number; minutes: number; byEvent: MinutesInEvent[] };

export const toAttendeeRow = (raw: Record<string, unknown>): AttendeeRow => ({
  id: Number(raw.id),
  name: String(raw.name),
  email: String(raw.email),
  events: Number(raw.events),
  minutes: Number(raw.minutes),
  // JSON from JSON_ARRAYAGG: the driver parses it when it knows the column is JSON, or hands over the text.
  byEvent: ((typeof raw.byEvent === "string" ? JSON.parse(raw.byEvent) : raw.byEvent) as Record<string, unknown>[]).map((entry) => ({
    slug: String(entry.slug),
    title: String(entry.title),
    isFeatured: Boolean(entry.isFeatured),
    minutes: Number(entry.minutes),
  })),
});

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

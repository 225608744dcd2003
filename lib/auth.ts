import "server-only";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import { canOpen, type StaffArea } from "./access";
import { noteDatabaseFailure } from "./health/database-health";
import { getSession } from "./session";
import { loadSessionUser, type SessionUser } from "./users/load-session-user";

// The one place pages and actions ask "who is calling, and may they?". Every
// page and server action calls requireUser/requireRole first; proxy.ts is not
// a security boundary. Socket handshakes use the same loadSessionUser.

export type CurrentUser = SessionUser;

/**
 * The signed-in user with the role this session actually grants, or null. Cached per request.
 * A database that cannot be reached is an error here, never "signed out" (no redirect to sign-in);
 * noting it lets server.ts turn this request's error page into the friendly 503 (lib/http/outage-guard.ts).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getSession();
  try {
    return await loadSessionUser(session);
  } catch (error) {
    throw noteDatabaseFailure(error);
  }
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/?reason=signin&next=%2Fwatch");
  return user;
}

export async function requireRole(area: StaffArea): Promise<CurrentUser> {
  const user = await getCurrentUser();
  const next = encodeURIComponent(area);
  if (!user) redirect(`/staff?reason=signin&next=${next}`);
  if (!canOpen(user.role, area)) redirect(`/staff?reason=forbidden&next=${next}`);
  return user;
}

/**
 * For route handlers (CSV exports): the user when allowed; otherwise the
 * response to send instead: a redirect to sign-in when signed out, 403 when
 * signed in without the role.
 */
export async function authorizeRoute(area: StaffArea, request: Request): Promise<{ user: CurrentUser } | { response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { response: NextResponse.redirect(new URL(`/staff?reason=signin&next=${encodeURIComponent(area)}`, request.url), 303) };
  if (!canOpen(user.role, area)) return { response: new NextResponse("Only admins can download reports.\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }) };
  return { user };
}

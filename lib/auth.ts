import "server-only";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import { areaPathOf, canOpen, type StaffArea } from "./access";
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
  const startedAt = Date.now();
  try {
    return await loadSessionUser(session);
  } catch (error) {
    throw noteDatabaseFailure(error, startedAt);
  }
});

/**
 * Signed in, or sent to register. `watchPath` is the watch page asked for: /watch
 * (the featured event, registration at /) or /e/<slug>/watch (registration at /e/<slug>).
 */
export async function requireUser(watchPath = "/watch"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`${watchPath.replace(/\/watch$/, "") || "/"}?reason=signin&next=${encodeURIComponent(watchPath)}`);
  return user;
}

/** A staff area's page. `path` is the page asked for when it is an event's (/e/<slug>/mod), so sign-in comes back to it. */
export async function requireRole(area: StaffArea, path: string = area): Promise<CurrentUser> {
  const user = await getCurrentUser();
  const next = encodeURIComponent(path);
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
  // Back to the area the download belongs to, on its event: /e/x/reports/users/export → /e/x/reports.
  const next = areaPathOf(new URL(request.url).pathname) ?? area;
  // A relative Location: request.url names the host the server listens on (localhost), not the one the browser asked for.
  if (!user) return { response: new Response(null, { status: 303, headers: { Location: `/staff?reason=signin&next=${encodeURIComponent(next)}`, "Cache-Control": "no-store" } }) };
  if (!canOpen(user.role, area)) return { response: new NextResponse("Only admins can download reports.\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } }) };
  return { user };
}

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query } from "./database";
import { createEvent } from "./events";
import { runCaptured } from "../scripts/run-command";
import { hiddenFields } from "../scripts/server-action-form";
import { closeSockets, connect, describeAck, describeConnection, emit, EVENT_CHECKS, makeTargets, OTHER_EVENT_CHECKS, otherEventTargets, type Client, type Connection, type RoleSockets } from "./matrix-sockets";
import { clearsSessionCookie, describeAnswer, fillInForm, get, postForm, serverActionId, sessionCookieOf, type Answer } from "./plain-http";
import { areaOf, COLUMNS, isInCode, readCodeInventory, readSecurityTable, realPath, socketRowParts, withSlug, type Column, type MatrixRow } from "./security-table";

// SECURITY.md's "Who can do what", cell by cell, against the real server.ts
// and MariaDB: every page, route handler, server action and socket event with
// each column's session, described in the table's own words and compared.
// A failure lists every cell where the server and the table disagree.

type Role = Exclude<Column, "signed out">;
type StaffRole = Exclude<Role, "viewer">;
const ROLES: Role[] = ["viewer", "speaker", "moderator", "admin"];
const STAFF_ROLES: StaffRole[] = ["speaker", "moderator", "admin"];

// One worker, in order: the last test signs everyone out, which ends the sessions the others use.
test.describe.configure({ mode: "default" });

// This spec's own accounts, not the shared e2e staff, so what it does to them (promoting attendees
// with npm run staff, signing out, failed sign-ins) cannot disturb other specs running alongside.
const tag = randomBytes(4).toString("hex");
const person = (label: string) => ({ name: `Matrix ${label} ${tag}`, email: `matrix-${label}-${tag}@example.com`, phone: "+1 555 010 4242" });
const passwordOf = (role: StaffRole) => `matrix-${role}-password-${tag}`;

/** The event the table's `[slug]` rows are checked on: this spec's own, live and not featured. */
let slug = "";
/** The register form at /e/[slug], as the viewer sent it (the row for `register` is the form at /). */
let registerAtEvent = "";

const cookies: Partial<Record<Role, string>> = {};
/** Each staff account's cookie from the attendee form, made before `npm run staff` gave it a role. */
const attendeeCookiesOfStaff: Partial<Record<StaffRole, string>> = {};
/** The register form's hidden fields, the template for posting another action that takes (previous state, form data). */
let registerFormFields: [string, string][] = [];
/** The sign-in forms' answers, one per column, in the table's words (they make the cookies the other tests use). */
const signIns: Record<"register" | "signInStaff", Partial<Record<Column, string>>> = { register: {}, signInStaff: {} };

function cookieOf(column: Column): string | undefined {
  if (column === "signed out") return undefined;
  const cookie = cookies[column];
  if (!cookie) throw new Error(`There is no ${column} session: signing in as the ${column} failed (see the server actions test).`);
  return cookie;
}

function describeForm(answer: Answer): string {
  const verdict = describeAnswer(answer, { area: null, kind: "form" });
  return verdict.startsWith("yes") && !sessionCookieOf(answer) ? `${verdict} (no session cookie)` : verdict;
}

/** `npm run staff`, the real command, with the password on stdin. */
async function makeStaff(role: StaffRole): Promise<void> {
  const args = ["scripts/staff.ts", "--email", person(role).email, "--name", `Matrix ${role} ${tag}`, "--role", role];
  // Three at once, each a cold tsx start and a scrypt hash: on a busy 2-core machine that outlasts runCaptured's default 30 s.
  const result = await runCaptured("tsx", args, { input: `${passwordOf(role)}\n`, env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL }, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`npm run staff failed for the ${role}: ${result.stderr}`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // register: an email with no account yet ("signed out"), then the same attendee again ("viewer").
  const viewer = person("viewer");
  registerFormFields = hiddenFields((await get("/")).html);
  const first = await fillInForm("/", viewer);
  signIns.register["signed out"] = describeForm(first);
  cookies.viewer = sessionCookieOf(first) ?? undefined;
  signIns.register.viewer = describeForm(await fillInForm("/", viewer));
  // The viewer registers for this spec's event too, so the column "viewer" may watch it.
  slug = (await createEvent("matrix", { description: "The authorization matrix runs here." })).slug;
  registerAtEvent = describeForm(await fillInForm(`/e/${slug}`, viewer));

  // Staff start as attendees (keeping that cookie) and are made staff with `npm run staff`.
  await Promise.all(STAFF_ROLES.map(async (role) => (attendeeCookiesOfStaff[role] = sessionCookieOf(await fillInForm("/", person(role))) ?? undefined)));
  await Promise.all(STAFF_ROLES.map(makeStaff));
  for (const role of STAFF_ROLES) signIns.register[role] = describeForm(await fillInForm("/", person(role)));

  // signInStaff: an unknown email ("signed out"), an attendee's email ("viewer"), then each staff account once.
  signIns.signInStaff["signed out"] = describeForm(await fillInForm("/staff", { email: `matrix-nobody-${tag}@example.com`, password: "not-a-staff-password" }));
  signIns.signInStaff.viewer = describeForm(await fillInForm("/staff", { email: viewer.email, password: "not-a-staff-password" }));
  for (const role of STAFF_ROLES) {
    const answer = await fillInForm("/staff", { email: person(role).email, password: passwordOf(role) });
    signIns.signInStaff[role] = describeForm(answer);
    cookies[role] = sessionCookieOf(answer) ?? undefined;
  }
});

const mismatch = (row: MatrixRow, column: Column, observed: string) => `${row.kind} ${row.what} × ${column}: SECURITY.md says "${row.cells[column]}", the server did "${observed}"`;

const rowsToCheck = (kinds: MatrixRow["kind"][]) => readSecurityTable().filter((row) => kinds.includes(row.kind));

test("SECURITY.md's table has a row for every page, route handler, server action and socket event in the code, and none for anything else", () => {
  const rows = readSecurityTable();
  const code = readCodeInventory();
  const problems: string[] = [];
  const keysOf = (kind: MatrixRow["kind"]) => new Set(rows.filter((row) => row.kind === kind).map((row) => row.key));
  for (const [kind, found] of [["page", code.pages], ["route", code.routes], ["action", code.actions]] as const) {
    for (const [key, file] of found) if (!keysOf(kind).has(key)) problems.push(`${kind} ${key} (${file}) has no row in SECURITY.md`);
  }
  const socketEvents = new Set(rows.filter((row) => row.kind === "socket").map((row) => socketRowParts(row).event));
  for (const [event, file] of code.events) if (!socketEvents.has(event)) problems.push(`socket event ${event} (${file}) has no row in SECURITY.md`);
  for (const surface of code.surfaces) if (!keysOf("socket").has(`connect from ${surface}`)) problems.push(`socket surface ${surface} (lib/realtime/contract.ts) has no "connect" row`);
  // The handler files were read as text: if that missed an event, the contract's list says so.
  const [handled, declared] = [[...code.events.keys()].sort().join(", "), [...code.contractEvents].sort().join(", ")];
  if (handled !== declared) problems.push(`lib/realtime/handlers define ${handled}; ClientToServerEvents in lib/realtime/contract.ts declares ${declared}`);

  for (const row of rows) {
    if (!isInCode(row, code)) problems.push(`${row.kind} row "${row.what}" names nothing in the code`);
    if (row.kind === "action" && isInCode(row, code) && !ACTION_CHECKS[row.key]) problems.push(`action ${row.key} has no check in e2e/authorization-matrix.spec.ts ACTION_CHECKS`);
    if (row.kind === "route" && !row.key.startsWith("GET ")) problems.push(`route ${row.key}: only GET routes have a check in this spec`);
    if (row.kind === "socket") {
      const { event, isInAnotherEvent } = socketRowParts(row);
      const checks = isInAnotherEvent ? OTHER_EVENT_CHECKS : EVENT_CHECKS;
      if (event !== "connect" && !checks[isInAnotherEvent ? event : row.key]) problems.push(`socket row ${row.key} has no check in e2e/matrix-sockets.ts ${isInAnotherEvent ? "OTHER_EVENT_CHECKS" : "EVENT_CHECKS"}`);
    }
  }
  expect(problems).toEqual([]);
});

test("pages and route handlers answer each column as SECURITY.md says", async () => {
  const mismatches: string[] = [];
  for (const row of rowsToCheck(["page", "route"])) {
    const pathname = realPath(withSlug(row.kind === "route" ? row.key.slice("GET ".length) : row.key, slug));
    const kind = row.kind === "route" && pathname.endsWith("/export") ? "export" : "page";
    const observed = await Promise.all(COLUMNS.map(async (column) => describeAnswer(await get(pathname, cookieOf(column)), { area: areaOf(pathname), kind })));
    for (const [at, column] of COLUMNS.entries()) if (observed[at] !== withSlug(row.cells[column], slug)) mismatches.push(mismatch(row, column, observed[at]));
  }
  expect(mismatches).toEqual([]);
});

test.afterAll(closeSockets);

test("socket connections and events answer each column as SECURITY.md says", async () => {
  const rows = rowsToCheck(["socket"]);
  const surfaces = readCodeInventory().surfaces;
  const signedOut = Object.fromEntries(await Promise.all(surfaces.map(async (surface) => [surface, describeConnection(await connect(undefined, surface), "viewer")])));
  const connections = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, Object.fromEntries(await Promise.all(surfaces.map(async (surface) => [surface, await connect(cookieOf(role), surface)])))])),
  ) as Record<Role, Record<string, Connection>>;
  const socketsOf = (role: Role): RoleSockets | string => {
    const refused = Object.values(connections[role]).find((connection) => "refusal" in connection);
    if (refused && "refusal" in refused) return `no connection (${refused.refusal})`;
    return Object.fromEntries(Object.entries(connections[role]).map(([surface, connection]) => [surface, (connection as { client: Client }).client]));
  };
  const moderatorSockets = socketsOf("moderator");
  const registerAttendee = async (label: string) => sessionCookieOf(await fillInForm("/", person(label)));
  const targets = await makeTargets(typeof moderatorSockets === "string" ? undefined : moderatorSockets.watch, registerAttendee);
  const other = await otherEventTargets();

  const mismatches: string[] = [];
  for (const row of rows) {
    const { event, surfaces: from, isInAnotherEvent } = socketRowParts(row);
    for (const column of COLUMNS) {
      let observed: string;
      if (column === "signed out") observed = isInAnotherEvent ? describeConnection(await connect(undefined, from[0], other.slug), "viewer") : signedOut[from[0]];
      else if (event === "connect") observed = describeConnection(isInAnotherEvent ? await connect(cookieOf(column), from[0], other.slug) : connections[column][from[0]], column);
      else {
        const sockets = socketsOf(column);
        const check = isInAnotherEvent ? (each: RoleSockets) => OTHER_EVENT_CHECKS[event](each, other) : (each: RoleSockets) => EVENT_CHECKS[row.key](each, column, targets);
        observed = typeof sockets === "string" ? sockets : await check(sockets).catch((error: Error) => `not checked: ${error.message}`);
      }
      if (observed !== row.cells[column]) mismatches.push(mismatch(row, column, observed));
    }
  }
  expect(mismatches).toEqual([]);
});

test("an attendee session of an account later made staff grants at most viewer rights", async () => {
  const problems: string[] = [];
  for (const role of STAFF_ROLES) {
    const cookie = attendeeCookiesOfStaff[role];
    if (!cookie) {
      problems.push(`the ${role} never got an attendee cookie`);
      continue;
    }
    for (const area of ["/mod", "/speaker", "/reports"] as const) {
      const observed = describeAnswer(await get(area, cookie), { area, kind: "page" });
      if (!observed.startsWith("no → /staff (")) problems.push(`${role}'s attendee cookie at ${area}: ${observed}`);
    }
    const watch = describeAnswer(await get("/watch", cookie), { area: "/watch", kind: "page" });
    if (watch !== "yes" && watch !== "no → / (sign in)") problems.push(`${role}'s attendee cookie at /watch: ${watch}`);
    const connection = await connect(cookie, "mod");
    if ("refusal" in connection) {
      if (connection.refusal !== "unauthorized") problems.push(`${role}'s attendee cookie on a socket: ${connection.refusal}`);
    } else {
      if (connection.state.user.role !== "viewer") problems.push(`${role}'s attendee cookie on a socket has the ${connection.state.user.role} role`);
      const ack = await emit(connection.client, "approve", { id: 1 });
      if (ack.error !== "forbidden") problems.push(`${role}'s attendee cookie may approve: ${describeAck(ack)}`);
    }
  }
  expect(problems).toEqual([]);
});

// --- Server actions ---------------------------------------------------------

let signOutFields: [string, string][] = [];

/** Signs out with this column's session (posted from /watch, where every header has the form), and checks the session really ended. */
async function signOutAs(column: Column): Promise<string> {
  const cookie = cookieOf(column);
  if (!cookie) return describeAnswer(await postForm("/watch", signOutFields, {}), { area: null, kind: "form" });
  const connection = await connect(cookie, "watch");
  const closed = "client" in connection ? new Promise<boolean>((resolve) => connection.client.once("disconnect", () => resolve(true))) : Promise.resolve(false);
  const answer = await postForm("/watch", signOutFields, {}, cookie);
  const verdict = describeAnswer(answer, { area: null, kind: "form" });
  const problems: string[] = [];
  if (!clearsSessionCookie(answer)) problems.push("the cookie was not cleared");
  const isClosed = await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(resolve, 5_000, false))]);
  if (!isClosed) problems.push("an open socket stayed open");
  const again = describeAnswer(await get("/watch", cookie), { area: "/watch", kind: "page" });
  if (again !== "no → / (sign in)") problems.push(`a copy of the cookie still works (/watch: ${again})`);
  return problems.length ? `${verdict} (${problems.join(", ")})` : verdict;
}

/**
 * An admin's "End sessions" on a fresh attendee, posted with this
 * column's session. Its form only appears after a click, so the post is built
 * the way any script could: the register form's fields pointed at this
 * action's id (both take previous state and form data).
 */
async function endSessionsAs(column: Column): Promise<string> {
  const registerId = serverActionId("register");
  const fields = registerFormFields.map(([name, value]): [string, string] => [name, value.replace(registerId, serverActionId("endPersonSessions"))]);
  if (!fields.some(([, value]) => value.includes(serverActionId("endPersonSessions")))) throw new Error("The register form's fields no longer name its action id; update endSessionsAs.");
  const target = person(`target-of-${column.replace(" ", "-")}`);
  const cookie = sessionCookieOf(await fillInForm("/", target));
  const [row] = await query<{ id: number }>("SELECT id FROM users WHERE email = ?", [target.email]);
  if (!cookie || !row) throw new Error("Registering the person to sign out failed.");
  const answer = await postForm("/reports/users", fields, { userId: String(row.id) }, cookieOf(column));
  const verdict = answer.status === 200 ? "yes" : describeAnswer(answer, { area: "/reports", kind: "page" });
  // The answer alone proves little: after the action, /reports/users itself redirects a non-admin,
  // so an action that forgot its own check would look refused. What counts is whether the person was signed out.
  const isSignedOut = describeAnswer(await get("/watch", cookie), { area: "/watch", kind: "page" }) !== "yes";
  if (verdict === "yes" && !isSignedOut) return "yes (but the person is still signed in)";
  if (verdict !== "yes" && isSignedOut) return `${verdict} (but the person was signed out)`;
  return verdict;
}

/** One of /events' actions, posted like endSessionsAs (the register form's fields pointed at its id) to a page that holds it. */
async function postEventAction(name: string, pagePath: string, fields: Record<string, string>, cookie: string | undefined): Promise<string> {
  const [registerId, actionId] = [serverActionId("register"), serverActionId(name)];
  const hidden = registerFormFields.map(([field, value]): [string, string] => [field, value.replace(registerId, actionId)]);
  const answer = await postForm(pagePath, hidden, fields, cookie);
  // Success redirects to the event (or answers with the page); a refusal redirects to /staff with a reason.
  const verdict = describeAnswer(answer, { area: "/events", kind: "page" });
  return answer.status === 200 || verdict.startsWith("yes → /events") ? "yes" : verdict;
}

/**
 * An organiser's action on an event made for this check, posted with this column's session, and
 * judged by its effect as endSessionsAs is: /events itself refuses a non-admin, so an action that
 * forgot its own check would look refused. `change` posts it and says whether the event changed.
 */
async function eventActionAs(column: Column, label: string, change: (slug: string, eventId: number, cookie: string | undefined) => Promise<{ verdict: string; isChanged: boolean }>): Promise<string> {
  const event = await createEvent(`matrix-${label}-${column}`, { state: "scheduled" });
  const { verdict, isChanged } = await change(event.slug, event.id, cookieOf(column));
  if (verdict === "yes" && !isChanged) return "yes (but the event did not change)";
  if (verdict !== "yes" && isChanged) return `${verdict} (but the event changed)`;
  return verdict;
}

const eventColumn = async <Value>(slug: string, column: string) => (await query<Record<string, Value>>(`SELECT ${column} AS value FROM events WHERE slug = ?`, [slug]))[0]?.value;
const EVENT_FORM = { description: "", streamUrl: "/stream", startsAt: "2027-03-14T18:30", endsAt: "", timeZone: "UTC", isChatOn: "on", isQaOn: "on" };

let joiner: { cookie: string; fields: [string, string][] } | undefined;

/**
 * "Join this event" on this spec's event, posted with this column's session. The
 * viewer is a fresh attendee registered at / only (the column's own viewer is
 * registered for the event already, and so never sees the button); the form is
 * the one that attendee is shown. Judged by its effect too: a registration row
 * for a viewer, none for staff.
 */
async function joinAs(column: Column): Promise<string> {
  if (!joiner) {
    const cookie = sessionCookieOf(await fillInForm("/", person("joiner")));
    if (!cookie) throw new Error("Registering the attendee who joins failed.");
    const fields = hiddenFields((await get(`/e/${slug}`, cookie)).html);
    if (!fields.some(([name, value]) => name === "event" && value === slug)) throw new Error(`/e/${slug} shows a signed-in attendee no "Join this event" form.`);
    joiner = { cookie, fields };
  }
  const answer = await postForm(`/e/${slug}`, joiner.fields, {}, column === "viewer" ? joiner.cookie : cookieOf(column));
  const verdict = describeAnswer(answer, { area: `/e/${slug}/watch`, kind: "form" });
  const [registered] = await query<{ count: bigint }>(
    "SELECT COUNT(*) AS count FROM registrations JOIN events ON events.id = registrations.event_id JOIN users ON users.id = registrations.user_id WHERE events.slug = ? AND users.email = ?",
    [slug, column === "viewer" ? person("joiner").email : column === "signed out" ? "" : person(column).email],
  );
  const isRegistered = Number(registered.count) > 0;
  if (column === "viewer" && verdict.startsWith("yes") && !isRegistered) return `${verdict} (but no registration was made)`;
  if (column !== "viewer" && isRegistered) return `${verdict} (but a registration was made)`;
  return verdict;
}

const ACTION_CHECKS: Record<string, (column: Column) => Promise<string>> = {
  register: async (column) => signIns.register[column] ?? "not tried",
  signInStaff: async (column) => signIns.signInStaff[column] ?? "not tried",
  endPersonSessions: endSessionsAs,
  joinEvent: joinAs,
  signOut: signOutAs,
  createEvent: (column) =>
    eventActionAs(column, "create", async (slug, _eventId, cookie) => {
      const verdict = await postEventAction("createEvent", "/events/new", { ...EVENT_FORM, title: "Made by the matrix", slug: `${slug}-new` }, cookie);
      return { verdict, isChanged: (await eventColumn(`${slug}-new`, "id")) !== undefined };
    }),
  updateEvent: (column) =>
    eventActionAs(column, "update", async (slug, eventId, cookie) => {
      const verdict = await postEventAction("updateEvent", `/events/${eventId}`, { ...EVENT_FORM, eventId: String(eventId), title: "Renamed by the matrix", slug }, cookie);
      return { verdict, isChanged: (await eventColumn(slug, "title")) === "Renamed by the matrix" };
    }),
  changeEventState: (column) =>
    eventActionAs(column, "go-live", async (slug, eventId, cookie) => {
      const verdict = await postEventAction("changeEventState", "/events", { eventId: String(eventId), to: "live", from: "list" }, cookie);
      return { verdict, isChanged: (await eventColumn(slug, "state")) === "live" };
    }),
  duplicateEvent: (column) =>
    eventActionAs(column, "duplicate", async (slug, eventId, cookie) => {
      const verdict = await postEventAction("duplicateEvent", `/events/${eventId}`, { eventId: String(eventId) }, cookie);
      return { verdict, isChanged: (await eventColumn(`${slug}-copy`, "id")) !== undefined };
    }),
  archiveEvent: (column) =>
    eventActionAs(column, "archive", async (slug, eventId, cookie) => {
      const verdict = await postEventAction("archiveEvent", `/events/${eventId}`, { eventId: String(eventId) }, cookie);
      return { verdict, isChanged: (await eventColumn(slug, "archived_at")) !== null };
    }),
  // Featuring changes what /, /watch, /mod and /speaker serve to every spec running alongside, so nothing
  // new is featured here: the admin features the event that is featured already (the answer must say yes
  // and it must stay featured; events-admin tests featuring another), everyone else tries a new event,
  // which must stay unfeatured.
  featureEvent: async (column) => {
    if (column !== "admin") {
      return eventActionAs(column, "feature", async (slug, eventId, cookie) => {
        const verdict = await postEventAction("featureEvent", `/events/${eventId}`, { eventId: String(eventId) }, cookie);
        return { verdict, isChanged: (await eventColumn(slug, "is_featured")) === 1 };
      });
    }
    const featured = async () => (await query<{ id: number }>("SELECT id FROM events WHERE is_featured = TRUE"))[0]?.id;
    const before = await featured();
    const verdict = await postEventAction("featureEvent", `/events/${before}`, { eventId: String(before) }, cookieOf(column));
    return (await featured()) === before ? verdict : `${verdict} (but another event is featured now)`;
  },
};

test("server actions answer each column as SECURITY.md says; sign-out ends the session on the server", async () => {
  const watchPage = await get("/watch", cookieOf("viewer"));
  signOutFields = hiddenFields(watchPage.html).filter(([name]) => name.startsWith("$ACTION_"));
  expect(signOutFields.filter(([name]) => name.startsWith("$ACTION_REF_")), "/watch holds one server-action form, the header's Sign out").toHaveLength(1);

  const mismatches: string[] = [];
  // The `register` row is the form at /; the same form at /e/[slug] goes on to that event's watch page.
  if (registerAtEvent !== `yes → /e/${slug}/watch`) mismatches.push(`action register at /e/[slug] × viewer: expected "yes → /e/${slug}/watch", the server did "${registerAtEvent}"`);
  // Sign-out goes last: it ends the sessions the other checks use.
  const rows = rowsToCheck(["action"]).sort((a, b) => Number(a.key === "signOut") - Number(b.key === "signOut"));
  for (const row of rows) {
    for (const column of COLUMNS) {
      const observed = await ACTION_CHECKS[row.key](column);
      if (observed !== withSlug(row.cells[column], slug)) mismatches.push(mismatch(row, column, observed));
    }
  }
  expect(mismatches).toEqual([]);
});

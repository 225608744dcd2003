import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { NOT_FOUND, SLUG_LOCKED, SLUG_TAKEN } from "../lib/events/organiser-messages";
import { OUTSIDE_EVENT_YEARS, STREAM_BAD_SITE, STREAM_NOT_HTTPS } from "../lib/validation/event-form";
import { query } from "./database";
import { createAttendee, createEvent } from "./events";
import { CONTROL, FRAMABLE_STREAM_URLS, INVISIBLE, LITERAL, UNFRAMABLE_STREAM_URLS } from "./hostile-corpus";
import { countRows, expectRefusedForm, internalDetailIn, startBystander } from "./hostile-checks";
import { formFields, inBatches, ownAddress, postForm, postWithFile, rawRequest, signInOverHttp } from "./raw-http";
import { E2E_STAFF } from "./staff-accounts";

// Hostile input to the forms events brought, posted as a browser with
// JavaScript off would, against the real server and database: the organiser's
// event form (create at /events/new, edit at /events/<id>). Each value gets a
// clear form error or is stored as typed (and shown escaped); never a 500 or
// an internal detail, and nothing else changes. Solo: it counts every row.
// (Registration at /e/<slug> and "Join this event" are in
// e2e/hostile-event-registration.solo.spec.ts.)

const tag = () => randomBytes(4).toString("hex");
const BAD_TITLE = "Use letters, spaces and punctuation only in the title.";
const BAD_SLUG = "Use lower-case letters, digits and dashes only (for example spring-keynote).";
const BAD_TIME = "Enter a date and time, like 2027-03-14 18:30.";
const BAD_ZONE = "Unknown time zone: reload the page and try again.";

type Fields = Record<string, string | null>;
const validEvent = (): Fields => ({ title: `Corpus talk ${tag()}`, slug: `corpus-${tag()}`, description: "", streamUrl: "", startsAt: "2027-03-14T18:30", endsAt: "", isChatOn: "on", isQaOn: "on" });

/** The hidden fields with `fields` in place of any of the same name; a null field is left out. */
function withFields(hidden: [string, string][], fields: Fields): [string, string][] {
  return [...hidden.filter(([name]) => !(name in fields)), ...Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== null)];
}

/** Hostile values for each field of the event form, and the message each must get. */
function eventFormCases(): { label: string; fields: Fields; message: string }[] {
  return [
    ...Object.entries(INVISIBLE).map(([label, title]) => ({ label: `a title of ${label}`, fields: { title }, message: label === "empty" || label === "whitespace only" ? "Give the event a title." : "The title can't be only invisible characters." })),
    ...Object.entries(CONTROL)
      .filter(([label]) => !label.includes("surrogate"))
      .map(([label, title]) => ({ label: `a title with ${label}`, fields: { title }, message: BAD_TITLE })),
    { label: "a title with a line break", fields: { title: "Keynote\r\n=HYPERLINK(\"http://evil\")" }, message: BAD_TITLE },
    { label: "a 201-character title", fields: { title: "t".repeat(201) }, message: "Keep the title to 200 characters or fewer." },
    { label: "a 10 kB title", fields: { title: "t".repeat(10_000) }, message: "Keep the title to 200 characters or fewer." },
    { label: "no title field", fields: { title: null }, message: "Give the event a title." },
    { label: "an empty link name", fields: { slug: "" }, message: "Give the event a link name." },
    { label: "a link name of spaces", fields: { slug: "   " }, message: "Give the event a link name." },
    ...["../../etc/passwd", "a b", "a\u0000b", "<script>alert(1)</script>", "x' OR '1'='1", "two--dashes", "-leading", "under_score", "ünïcode", "e\u0301vent", "%2e%2e", "a/b"].map((slug) => ({ label: `the link name ${JSON.stringify(slug)}`, fields: { slug }, message: BAD_SLUG })),
    { label: "a 65-character link name", fields: { slug: "s".repeat(65) }, message: "Keep the link name to 64 characters or fewer." },
    { label: "the featured event's link name", fields: { slug: "first-event" }, message: SLUG_TAKEN },
    ...["javascript:alert(1)", "http://video.example.com/live", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "/stream/../staff", "ftp://video.example.com/", " javascript:alert(1)"].map((streamUrl) => ({ label: `the stream URL ${JSON.stringify(streamUrl)}`, fields: { streamUrl }, message: STREAM_NOT_HTTPS })),
    // Each would have gone into the Content-Security-Policy's frame-src (test/unit/stream-origin.test.ts checks the policies).
    ...Object.entries(UNFRAMABLE_STREAM_URLS).map(([label, streamUrl]) => ({ label: `a stream URL with ${label}`, fields: { streamUrl }, message: /^https:\/\//i.test(streamUrl.trim()) ? STREAM_BAD_SITE : STREAM_NOT_HTTPS })),
    { label: "a 2,001-character stream URL", fields: { streamUrl: `https://video.example.com/${"v".repeat(1_975)}` }, message: "Keep the stream URL to 2,000 characters or fewer." },
    { label: "a 4,001-character description", fields: { description: "d".repeat(4_001) }, message: "Keep the description to 4,000 characters or fewer." },
    { label: "no start", fields: { startsAt: "" }, message: "Say when the event starts." },
    ...["tomorrow", "2027-02-30T10:00", "1e309", "<script>alert(1)</script>", "2027-03-14T25:00", "0000-00-00T00:00"].map((startsAt) => ({ label: `the start ${JSON.stringify(startsAt)}`, fields: { startsAt }, message: BAD_TIME })),
    // Stored as 1925-06-01 and 1900-06-01 before the years were checked.
    ...["0025-06-01T10:00", "0000-06-01T10:00", "1999-12-31T23:59", "2101-01-01T00:00", "9999-12-31T23:59"].map((startsAt) => ({ label: `the start ${JSON.stringify(startsAt)}`, fields: { startsAt }, message: OUTSIDE_EVENT_YEARS })),
    { label: "an end in the year 0025", fields: { endsAt: "0025-06-01T10:00" }, message: OUTSIDE_EVENT_YEARS },
    { label: "an end before the start", fields: { endsAt: "2027-03-14T17:00" }, message: "The end must be after the start." },
    { label: "an end that is no time", fields: { endsAt: "never" }, message: "Enter a date and time, or leave it empty." },
    ...["Mars/Olympus", "../../etc/passwd", "", "<script>alert(1)</script>", "UTC\u0000"].map((timeZone) => ({ label: `the time zone ${JSON.stringify(timeZone)}`, fields: { timeZone }, message: BAD_ZONE })),
  ];
}

test("the event form refuses hostile input with a form error, on create and on edit, and changes nothing", async () => {
  test.setTimeout(120_000);
  const address = ownAddress();
  const bystander = await startBystander(address);
  const admin = await signInOverHttp(E2E_STAFF.admin, address);
  const headers = { cookie: admin, "x-forwarded-for": address };
  // The create form, not the header's Sign out (a form of its own on every staff page).
  const createHidden = await formFields("/events/new", admin, "title");
  const target = await createEvent("corpus-edit", { state: "scheduled" });
  // The edit form, of the several forms on the event's page.
  const updateHidden = await formFields(`/events/${target.id}`, admin, "title");
  const registered = await createEvent("corpus-locked", { state: "scheduled" });
  await createAttendee([registered]);
  const archived = await createEvent("corpus-archived", { archived: true });
  const eventRow = async (id: number) => (await query("SELECT * FROM events WHERE id = ?", [id]))[0];
  const rowsBefore = { target: await eventRow(target.id), registered: await eventRow(registered.id) };
  const before = await countRows();

  const cases = eventFormCases();
  await inBatches(cases, 3, async ({ label, fields, message }) => {
    expectRefusedForm(await postForm("/events/new", withFields(createHidden, { ...validEvent(), ...fields }), [], headers), message, `create: ${label}`);
  });
  await inBatches(cases, 3, async ({ label, fields, message }) => {
    const edit = withFields(updateHidden, { ...validEvent(), slug: target.slug, eventId: String(target.id), ...fields });
    expectRefusedForm(await postForm(`/events/${target.id}`, edit, [], headers), message, `edit: ${label}`);
  });
  // Event ids that name no event the organiser may edit.
  const ids = ["", "0", "-1", "1.5", "abc", "99999999999", "1 OR 1=1", "<script>alert(1)</script>", String(archived.id), `${target.id}\u0000`];
  await inBatches(ids, 3, async (eventId) => {
    const edit = withFields(updateHidden, { ...validEvent(), eventId });
    expectRefusedForm(await postForm(`/events/${target.id}`, edit, [], headers), NOT_FOUND, `edit: the event id ${JSON.stringify(eventId)}`);
  });
  // Someone registered: the link name no longer moves, whoever posts it.
  const moved = withFields(updateHidden, { ...validEvent(), eventId: String(registered.id), title: registered.title });
  expectRefusedForm(await postForm(`/events/${target.id}`, moved, [], headers), SLUG_LOCKED, "edit: moving a registered event's link name");
  // A file where the title belongs is not a title.
  expectRefusedForm(await postWithFile("/events/new", withFields(createHidden, { ...validEvent(), title: null }), "title", [], headers), "Give the event a title.", "create: a file as the title");

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
  expect({ target: await eventRow(target.id), registered: await eventRow(registered.id) }).toEqual(rowsBefore);
});

test("the event form stores markup, SQL, right-to-left text and emoji as typed, shows them escaped, and ignores extra fields", async () => {
  const address = ownAddress();
  const admin = await signInOverHttp(E2E_STAFF.admin, address);
  const headers = { cookie: admin, "x-forwarded-for": address };
  const hidden = await formFields("/events/new", admin, "title");
  const before = await countRows();
  const accepted = Object.entries(LITERAL).map(([label, { sent, stored }]) => ({ label, sent, stored, slug: `literal-${tag()}` }));
  const made: number[] = [];
  for (const { label, sent, stored, slug } of accepted) {
    // Fields the form does not have must not reach the row: the state, the featured flag, the archive, the id.
    const extra = { state: "live", isFeatured: "true", archivedAt: "2026-01-01T00:00", id: "1" };
    const response = await postForm("/events/new", withFields(hidden, { ...validEvent(), title: sent, description: sent, slug, ...extra }), [], headers);
    expect.soft(response.status, label).toBe(303);
    const [row] = await query<{ id: number; title: string; description: string; state: string; is_featured: number | null; archived_at: Date | null }>(
      "SELECT id, title, description, state, is_featured, archived_at FROM events WHERE slug = ?",
      [slug],
    );
    expect.soft(row, label).toMatchObject({ title: stored, description: sent, state: "scheduled", is_featured: null, archived_at: null });
    if (!row) continue;
    made.push(row.id);
    expect.soft(response.headers.location, label).toBe(`/events/${row.id}?done=created`);
    // The organiser's pages show it as text, never as markup.
    for (const path of [`/events/${row.id}`, "/events"]) {
      const page = await rawRequest(path, { headers: { cookie: admin } });
      expect.soft(page.status, `${label} on ${path}`).toBe(200);
      expect.soft(page.body, `${label} on ${path}`).not.toContain("<script>alert(1)</script>");
      expect.soft(page.body, `${label} on ${path}`).not.toContain("<img src=x onerror");
      expect.soft(internalDetailIn(page.body), `${label} on ${path}`).toBeNull();
    }
  }
  expect(await countRows()).toEqual({ ...before, events: before.events + accepted.length });
  // Out of every list again, so they clutter no other spec's page.
  if (made.length) await query("UPDATE events SET archived_at = NOW(3) WHERE id IN (?)", [made]);
});

test("a stream URL the form accepts is stored as typed, and its event's pages frame exactly its origin", async () => {
  const address = ownAddress();
  const admin = await signInOverHttp(E2E_STAFF.admin, address);
  const headers = { cookie: admin, "x-forwarded-for": address };
  const hidden = await formFields("/events/new", admin, "title");
  const made: number[] = [];
  for (const [label, { sent, origin }] of Object.entries(FRAMABLE_STREAM_URLS)) {
    const slug = `stream-${tag()}`;
    const response = await postForm("/events/new", withFields(hidden, { ...validEvent(), slug, streamUrl: sent }), [], headers);
    expect.soft(response.status, label).toBe(303);
    const [row] = await query<{ id: number; stream_url: string }>("SELECT id, stream_url FROM events WHERE slug = ?", [slug]);
    expect.soft(row?.stream_url, label).toBe(sent);
    if (!row) continue;
    made.push(row.id);
    const page = await rawRequest(`/e/${slug}`);
    const frameSrc = String(page.headers["content-security-policy"]).split("; ").filter((directive) => directive.startsWith("frame-src "));
    expect.soft(frameSrc, label).toEqual([`frame-src 'self' ${origin}`]);
  }
  if (made.length) await query("UPDATE events SET archived_at = NOW(3) WHERE id IN (?)", [made]);
});

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query } from "./database";
import { createEvent } from "./events";
import { CONTROL, INVISIBLE, LITERAL } from "./hostile-corpus";
import { countRows, expectRefusedForm, internalDetailIn, startBystander } from "./hostile-checks";
import { formFields, inBatches, ownAddress, postForm, postWithFile, registerOverHttp, sessionCookieOf } from "./raw-http";

// Hostile input to an event's registration form at /e/<slug> and to "Join
// this event", posted as a browser with JavaScript off would. The hidden
// `event` field names the event, so it is hostile input too: whatever it says,
// a form error or a registration for the event it names, never for another,
// never a 500 or an internal detail. Solo: it counts every row.

const tag = () => randomBytes(4).toString("hex");
const GONE = "This event is no longer open for registration.";
const JOIN_GONE = "This event is no longer open.";

/** `event` values that name no open event (an unknown or archived one, or not a link name at all). */
async function hostileEventFields(): Promise<[string, string][]> {
  const archived = await createEvent("corpus-archived", { archived: true });
  const values = ["no-such-event", archived.slug, "../../etc/passwd", "first-event' OR '1'='1", "<script>alert(1)</script>", "e".repeat(10_000), "first-event\u0000", "%66irst-event", "__proto__", "constructor", "hasOwnProperty", "first event", "first-event/../x"];
  return values.map((value) => [JSON.stringify(value).slice(0, 40), value]);
}

const withEvent = (hidden: [string, string][], value: string): [string, string][] => [...hidden.filter(([name]) => name !== "event"), ["event", value]];

test("an event's registration form refuses hostile input and hostile event names with a form error, and stores nothing", async () => {
  test.setTimeout(120_000);
  const address = ownAddress();
  const bystander = await startBystander(address);
  const event = await createEvent("corpus-door");
  const hidden = await formFields(`/e/${event.slug}`);
  expect(hidden).toContainEqual(["event", event.slug]);
  const eventNames = await hostileEventFields();
  const before = await countRows();
  const person = () => ({ name: "Ann Lee", email: `event-corpus-${tag()}@example.com`, phone: "5550100" });
  const headers = { "x-forwarded-for": address };

  // The same rules as at /: a few of the corpus's names and emails, on an event's own page.
  const fieldCases = [
    ...Object.entries(INVISIBLE).map(([label, name]) => ({ label: `a name of ${label}`, fields: { ...person(), name }, message: label === "empty" || label === "whitespace only" ? "Enter your name." : "Your name can't be only invisible characters." })),
    ...Object.entries(CONTROL)
      .filter(([label]) => !label.includes("surrogate"))
      .map(([label, name]) => ({ label: `a name with ${label}`, fields: { ...person(), name }, message: "Use letters, spaces and punctuation only." })),
    { label: "markup as the email", fields: { ...person(), email: "<script>alert(1)</script>@example.com" }, message: "Enter an email address like name@example.com." },
    { label: "SQL as the phone", fields: { ...person(), phone: "'; DROP TABLE registrations; --" }, message: "Use digits, with an optional leading + (spaces, dashes and brackets are fine)." },
  ];
  await inBatches(fieldCases, 3, async ({ label, fields, message }) => {
    expectRefusedForm(await postForm(`/e/${event.slug}`, hidden, Object.entries(fields), headers), message, label);
  });
  // A valid person, but the form names no open event.
  await inBatches(eventNames, 3, async ([label, value]) => {
    expectRefusedForm(await postForm(`/e/${event.slug}`, withEvent(hidden, value), Object.entries(person()), headers), GONE, `the event ${label}`);
  });
  const asFile = await postWithFile(`/e/${event.slug}`, hidden.filter(([name]) => name !== "event"), "event", Object.entries(person()), headers);
  expectRefusedForm(asFile, GONE, "a file as the event");

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});

test("an event's registration form stores names as typed and registers for that event only, whatever else is posted", async () => {
  const address = ownAddress();
  const [event, other] = [await createEvent("corpus-literal"), await createEvent("corpus-other")];
  const hidden = await formFields(`/e/${event.slug}`);
  const before = await countRows();
  const accepted = Object.entries(LITERAL).map(([label, { sent, stored }]) => ({ label, sent, stored, email: `event-literal-${tag()}@example.com` }));
  for (const { label, sent, stored, email } of accepted) {
    // Extra fields naming another event, a role or a user are not the form's: ignored.
    const extra: [string, string][] = [["eventId", String(other.id)], ["event_id", String(other.id)], ["role", "admin"], ["userId", "1"]];
    const response = await postForm(`/e/${event.slug}`, hidden, [["name", sent], ["email", email], ["phone", "5550100"], ...extra], { "x-forwarded-for": address });
    expect.soft(response.status, label).toBe(303);
    expect.soft(response.headers.location, label).toBe(`/e/${event.slug}/watch`);
    expect.soft(sessionCookieOf(response), label).not.toBeNull();
    const rows = await query<{ name: string; role: string; event_id: number }>("SELECT u.name, u.role, r.event_id FROM users u JOIN registrations r ON r.user_id = u.id WHERE u.email = ?", [email]);
    expect.soft(rows, label).toEqual([{ name: stored, role: "viewer", event_id: event.id }]);
  }
  expect(await countRows()).toEqual({ ...before, users: before.users + accepted.length, registrations: before.registrations + accepted.length });
});

test("'Join this event' refuses hostile event names, registers only the signed-in person for the event named, once", async () => {
  const address = ownAddress();
  const event = await createEvent("corpus-join");
  // Signed in (registered for the featured event), not yet for this one: the page offers "Join this event".
  const joiner = await registerOverHttp("joiner", address);
  const bystanderAccount = await registerOverHttp("not-joining", address);
  const hidden = await formFields(`/e/${event.slug}`, joiner.cookie);
  expect(hidden).toContainEqual(["event", event.slug]);
  expect(hidden.some(([name]) => name === "name")).toBe(false);
  const eventNames = await hostileEventFields();
  const headers = { cookie: joiner.cookie, "x-forwarded-for": address };
  const registrationsOf = async (userId: number) => query<{ event_id: number }>("SELECT event_id FROM registrations WHERE user_id = ? ORDER BY event_id", [userId]);
  const before = await countRows();
  const joinerBefore = await registrationsOf(joiner.id);

  await inBatches(eventNames, 3, async ([label, value]) => {
    const response = await postForm(`/e/${event.slug}`, withEvent(hidden, value), [], headers);
    expect.soft(response.status, label).toBe(200);
    expect.soft(response.body, label).toContain(JOIN_GONE);
    expect.soft(internalDetailIn(response.body), label).toBeNull();
    expect.soft(response.body, label).not.toContain("<script>alert(1)</script>");
  });
  expect(await countRows()).toEqual(before);

  // Signed out, the same form registers nobody and asks to sign in on the event's page.
  const signedOut = await postForm(`/e/${event.slug}`, hidden, [], { "x-forwarded-for": address });
  expect(signedOut.status).toBe(303);
  expect(signedOut.headers.location).toMatch(new RegExp(`^/e/${event.slug}\\?reason=signin`));

  // The real thing, with fields naming someone else and a role: the signed-in person joins, as a viewer, once.
  const extra: [string, string][] = [["userId", String(bystanderAccount.id)], ["user_id", String(bystanderAccount.id)], ["role", "admin"], ["eventId", "1"]];
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await postForm(`/e/${event.slug}`, hidden, extra, headers);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/e/${event.slug}/watch`);
  }
  expect((await registrationsOf(joiner.id)).map((row) => row.event_id)).toEqual([...joinerBefore.map((row) => row.event_id), event.id].sort((a, b) => a - b));
  expect((await registrationsOf(bystanderAccount.id)).map((row) => row.event_id)).not.toContain(event.id);
  const [{ role }] = await query<{ role: string }>("SELECT role FROM users WHERE id = ?", [joiner.id]);
  expect(role).toBe("viewer");
  expect(await countRows()).toEqual({ ...before, registrations: before.registrations + 1 });
});

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query } from "./database";
import { CONTROL, INVISIBLE, LITERAL, MB } from "./hostile-corpus";
import { countRows, expectRefusedForm, internalDetailIn, startBystander } from "./hostile-checks";
import { baseURL, formFields, inBatches, multipartBody, ownAddress, postForm, postWithFile, rawRequest, sessionCookieOf, type RawResponse } from "./raw-http";
import { E2E_STAFF } from "./staff-accounts";

// Hostile input to the two forms (their server actions, posted as a browser
// with JavaScript off would) and to the HTTP layer in front of them, against
// the real server and database. Solo: it counts every row in the database.
// (The forms events brought are in e2e/hostile-event-forms.solo.spec.ts.)

const INVISIBLE_NAME = "Your name can't be only invisible characters.";
const NOT_LETTERS = "Use letters, spaces and punctuation only.";
const BAD_EMAIL = "Enter an email address like name@example.com.";
const BAD_PHONE = "Use digits, with an optional leading + (spaces, dashes and brackets are fine).";
const NO_MATCH = "That email and password don't match a staff account.";

const tag = () => randomBytes(4).toString("hex");

test("the registration form refuses invisible, control and malformed input with a form error, and stores nothing", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const hidden = await formFields("/");
  const before = await countRows();
  const person = () => ({ name: "Ann Lee", email: `corpus-${tag()}@example.com`, phone: "5550100" });
  const cases: { label: string; fields: Partial<Record<"name" | "email" | "phone", string>> | null; message: string }[] = [
    ...Object.entries(INVISIBLE).map(([label, name]) => ({ label: `a name of ${label}`, fields: { ...person(), name }, message: label === "empty" || label === "whitespace only" ? "Enter your name." : INVISIBLE_NAME })),
    // (Half a surrogate pair cannot cross a form: the browser's UTF-8 encoding makes it U+FFFD, a visible character.)
    ...Object.entries(CONTROL)
      .filter(([label]) => !label.includes("surrogate"))
      .map(([label, name]) => ({ label: `a name with ${label}`, fields: { ...person(), name }, message: NOT_LETTERS })),
    { label: "a name that starts a CSV formula on a new line", fields: { ...person(), name: "Ann\r\n=HYPERLINK(\"http://evil\")" }, message: NOT_LETTERS },
    { label: "a name with a line separator", fields: { ...person(), name: "Ann\u2028Lee" }, message: NOT_LETTERS },
    { label: "an 81-character name", fields: { ...person(), name: "x".repeat(81) }, message: "Keep your name to 80 characters or fewer." },
    { label: "a 10 kB name", fields: { ...person(), name: "y".repeat(10_000) }, message: "Keep your name to 80 characters or fewer." },
    { label: "markup as the email", fields: { ...person(), email: "<script>alert(1)</script>@example.com" }, message: BAD_EMAIL },
    { label: "SQL as the email", fields: { ...person(), email: "' OR '1'='1" }, message: BAD_EMAIL },
    { label: "an email with a NUL", fields: { ...person(), email: `corpus-${tag()}@example.com\u0000` }, message: BAD_EMAIL },
    { label: "an email with a zero-width space", fields: { ...person(), email: `corpus\u200B${tag()}@example.com` }, message: BAD_EMAIL },
    { label: "a 300-character email", fields: { ...person(), email: `${"e".repeat(288)}@example.com` }, message: "That email address is too long." },
    { label: "SQL as the phone", fields: { ...person(), phone: "'; DROP TABLE users; --" }, message: BAD_PHONE },
    { label: "markup as the phone", fields: { ...person(), phone: "<img src=x onerror=alert(1)>" }, message: BAD_PHONE },
    { label: "a negative phone", fields: { ...person(), phone: "-1" }, message: "A phone number has 7 to 15 digits." },
    { label: "a phone in exponent notation", fields: { ...person(), phone: "1e309" }, message: BAD_PHONE },
    { label: "a phone in Arabic-Indic digits", fields: { ...person(), phone: "٥٥٥٠١٠٠٠" }, message: BAD_PHONE },
    { label: "a phone with a NUL", fields: { ...person(), phone: "5550100\u0000" }, message: BAD_PHONE },
    { label: "no name field", fields: { email: person().email, phone: "5550100" }, message: "Enter your name." },
    { label: "no fields at all", fields: null, message: "Enter your name." },
  ];
  await inBatches(cases, 3, async ({ label, fields, message }) => {
    const response = await postForm("/", hidden, Object.entries(fields ?? {}), { "x-forwarded-for": address });
    expectRefusedForm(response, message, label);
  });
  // A name sent as a file upload is not a name: the action must not store "[object File]".
  const file = await postWithFile("/", hidden, "name", [["email", `corpus-file-${tag()}@example.com`], ["phone", "5550100"]], { "x-forwarded-for": address });
  expectRefusedForm(file, "Enter your name.", "a file as the name");

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});

test("the registration form stores markup, SQL, right-to-left text and emoji exactly as they will show, and ignores extra fields", async () => {
  const address = ownAddress();
  const hidden = await formFields("/");
  const before = await countRows();
  const accepted = Object.entries(LITERAL).map(([label, { sent, stored }]) => ({ label, sent, stored, email: `literal-${tag()}@example.com` }));
  for (const { label, sent, stored, email } of accepted) {
    const response = await postForm("/", hidden, [["name", sent], ["email", email], ["phone", "5550100"], ["role", "admin"], ["isStaffSignIn", "true"], ["userId", "1"]], { "x-forwarded-for": address });
    expect.soft(response.status, label).toBe(303);
    expect.soft(response.headers.location, label).toBe("/watch");
    expect.soft(sessionCookieOf(response), label).not.toBeNull();
    const rows = await query<{ name: string; role: string }>("SELECT name, role FROM users WHERE email = ?", [email]);
    expect.soft(rows, label).toEqual([{ name: stored, role: "viewer" }]);
  }
  // Each new attendee is also registered for the event whose form it was (the featured one at /).
  expect(await countRows()).toEqual({ ...before, users: before.users + accepted.length, registrations: before.registrations + accepted.length });
});

test("staff sign-in refuses hostile input without a session, and never sends anyone off-site", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const hidden = await formFields("/staff");
  const before = await countRows();
  const stranger = () => `nobody-${tag()}@podium.test`;
  const cases: { label: string; fields: [string, string][]; message: string }[] = [
    { label: "an empty form", fields: [], message: "Enter your email address." },
    { label: "an email of zero-width spaces", fields: [["email", "\u200B\u200B"], ["password", "whatever-1"]], message: BAD_EMAIL },
    { label: "markup as the email", fields: [["email", "<script>alert(1)</script>"], ["password", "whatever-1"]], message: BAD_EMAIL },
    { label: "SQL as the email", fields: [["email", "admin@podium.test' OR '1'='1"], ["password", "whatever-1"]], message: BAD_EMAIL },
    { label: "an email with a NUL", fields: [["email", "admin@podium.test\u0000"], ["password", "whatever-1"]], message: BAD_EMAIL },
    { label: "an empty password", fields: [["email", stranger()], ["password", ""]], message: "Enter your password." },
    { label: "a 201-character password", fields: [["email", stranger()], ["password", "p".repeat(201)]], message: "That password is too long." },
    { label: "SQL as the password", fields: [["email", stranger()], ["password", "' OR '1'='1' --"]], message: NO_MATCH },
    { label: "markup as the password", fields: [["email", stranger()], ["password", "<script>alert(1)</script>"]], message: NO_MATCH },
    { label: "a NUL in the password", fields: [["email", stranger()], ["password", "\u0000\u0000\u0000"]], message: NO_MATCH },
    { label: "a bidi override in the password", fields: [["email", stranger()], ["password", "\u202Epassword"]], message: NO_MATCH },
    { label: "a real account with SQL as the password", fields: [["email", E2E_STAFF.moderator.email], ["password", "' OR 1=1 -- "]], message: NO_MATCH },
  ];
  await inBatches(cases, 3, async ({ label, fields, message }) => {
    expectRefusedForm(await postForm("/staff", hidden, fields, { "x-forwarded-for": address }), message, label);
  });
  expectRefusedForm(await postWithFile("/staff", hidden, "password", [["email", stranger()]], { "x-forwarded-for": address }), "Enter your password.", "a file as the password");

  // The right password with a hostile `next`: signed in, and sent to a page of Podium's own.
  const account = E2E_STAFF.moderator;
  const nexts = ["//evil.example", "https://evil.example/", "/\t/evil.example", "/\\evil.example", "javascript:alert(1)", "/mod\r\nSet-Cookie: hijack=1", "%2F%2Fevil.example", "/reports", "/mod?<script>alert(1)</script>", "x".repeat(5_000)];
  await inBatches(nexts, 2, async (next) => {
    const response = await postForm("/staff", hidden, [["email", account.email], ["password", account.password], ["next", next]], { "x-forwarded-for": address });
    expect.soft(response.status, next.slice(0, 40)).toBe(303);
    expect.soft(new URL(String(response.headers.location), baseURL).origin, next.slice(0, 40)).toBe(baseURL);
    expect.soft(response.headers.location, next.slice(0, 40)).toMatch(/^\/[^/\\\s]/);
    expect.soft(response.headers["set-cookie"]?.some((cookie) => cookie.startsWith("hijack")), next.slice(0, 40)).toBeFalsy();
    expect.soft(sessionCookieOf(response), next.slice(0, 40)).not.toBeNull();
  });

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});

test("posts that are too big, cross-site, of unknown length or malformed are refused before any form, with no server error", async () => {
  const address = ownAddress();
  const bystander = await startBystander(address);
  const hidden = await formFields("/");
  const before = await countRows();
  const person: [string, string][] = [["name", "Ann Lee"], ["email", `transport-${tag()}@example.com`], ["phone", "5550100"]];
  const form = async (fields: [string, string][]) => multipartBody(hidden, fields);
  const headers = (contentType: string, extra: Record<string, string> = {}) => ({ origin: baseURL, "content-type": contentType, "x-forwarded-for": address, ...extra });

  const oneMb = await form([["name", "x".repeat(MB)], ...person.slice(1)]);
  const tenMb = await form([["name", "x".repeat(10 * MB)], ...person.slice(1)]);
  const staffHidden = await formFields("/staff");
  const bigPassword = await multipartBody(staffHidden, [["email", "nobody@podium.test"], ["password", "p".repeat(MB)]]);
  const plain = await form(person);
  const boundary = plain.contentType.split("boundary=")[1];
  const cases: { label: string; path?: string; send: () => Promise<RawResponse>; status: number[] }[] = [
    { label: "a 1 MB registration", send: () => rawRequest("/", { method: "POST", body: oneMb.body, headers: headers(oneMb.contentType) }), status: [413] },
    { label: "a 10 MB registration", send: () => rawRequest("/", { method: "POST", body: tenMb.body, headers: headers(tenMb.contentType) }), status: [413] },
    { label: "a 1 MB staff password", send: () => rawRequest("/staff", { method: "POST", body: bigPassword.body, headers: headers(bigPassword.contentType) }), status: [413] },
    { label: "a chunked post without a length", send: () => rawRequest("/", { method: "POST", body: plain.body, chunked: true, headers: headers(plain.contentType) }), status: [411] },
    { label: "a post from another site", send: () => rawRequest("/", { method: "POST", body: plain.body, headers: headers(plain.contentType, { origin: "https://evil.example" }) }), status: [403] },
    { label: "a post from a null origin", send: () => rawRequest("/", { method: "POST", body: plain.body, headers: headers(plain.contentType, { origin: "null" }) }), status: [403] },
    { label: "multipart without a boundary", send: () => rawRequest("/", { method: "POST", body: plain.body, headers: headers("multipart/form-data") }), status: [400] },
    { label: "multipart cut off mid-part", send: () => rawRequest("/", { method: "POST", body: plain.body.subarray(0, plain.body.length / 2), headers: headers(plain.contentType) }), status: [400] },
    { label: "multipart with a boundary that never appears", send: () => rawRequest("/", { method: "POST", body: plain.body, headers: headers(`multipart/form-data; boundary=${boundary}x`) }), status: [400] },
    { label: "the fields without the action's hidden fields", send: async () => { const bare = await multipartBody([], person); return rawRequest("/", { method: "POST", body: bare.body, headers: headers(bare.contentType) }); }, status: [400] },
    { label: "an unknown action id", send: () => rawRequest("/", { method: "POST", body: plain.body, headers: headers(plain.contentType, { "next-action": "0".repeat(42) }) }), status: [400, 404, 409] },
    { label: "a malformed action id", send: () => rawRequest("/", { method: "POST", body: "x", headers: headers("text/plain", { "next-action": "../../etc/passwd" }) }), status: [400, 404, 409] },
    // Not a form at all: Next shows the page, as for a GET; nothing is stored and no session starts.
    { label: "a text/plain body", send: () => rawRequest("/", { method: "POST", body: "name=Ann&email=a@b.c", headers: headers("text/plain") }), status: [200, 400, 415] },
    { label: "a JSON body", send: () => rawRequest("/", { method: "POST", body: JSON.stringify(Object.fromEntries(person)), headers: headers("application/json") }), status: [200, 400, 415] },
    { label: "a urlencoded body", send: () => rawRequest("/", { method: "POST", body: new URLSearchParams(person).toString(), headers: headers("application/x-www-form-urlencoded") }), status: [200, 400, 415] },
  ];
  await inBatches(cases, 2, async ({ label, send, status }) => {
    const response = await send();
    expect.soft(status, `${label}: answered ${response.status} ${"error" in response ? response.error : ""}`).toContain(response.status);
    expect.soft(sessionCookieOf(response), label).toBeNull();
    expect.soft(internalDetailIn(response.body), label).toBeNull();
    if (response.status >= 400) expect.soft(response.body.trim().length, `${label} says why`).toBeGreaterThan(0);
  });

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});

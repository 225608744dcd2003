import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { REGISTRATION_LIMITS } from "../lib/users/registration-attempts";
import { STAFF_SIGN_IN_LIMITS } from "../lib/users/sign-in-attempts";
import { hiddenFields, postServerActionForm, shownErrors } from "../scripts/server-action-form";
import { query } from "./database";
import { newAttendee } from "./fixtures";
import { saveStaffWithCommand } from "./staff-accounts";

// Limits on sign-in and registration, spoken over HTTP as a script would.
// The end-to-end server trusts one proxy (TRUST_PROXY=1), so each test names
// its own client address in X-Forwarded-For and has buckets of its own.
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const NO_MATCH = "That email and password don't match a staff account.";

/** A documentation-range network (/64: limits count IPv6 by network) no other test uses, after an address the client made up (which the server must ignore). */
const ownAddress = () => `198.51.100.7, 2001:db8:${randomBytes(4).toString("hex").replace(/(.{4})/, "$1:")}::1`;

async function ownStaff(password: string) {
  const account = { email: `limits-${randomBytes(4).toString("hex")}@podium.test`, name: "Limit Tester", role: "moderator", password };
  await saveStaffWithCommand(account);
  return account;
}

/** The form's hidden fields, loaded once, then `count` posts of it at once. */
async function postAtOnce(path: string, bodies: Record<string, string>[], headers: Record<string, string>) {
  const fields = hiddenFields(await (await fetch(new URL(path, baseURL), { headers })).text());
  return Promise.all(
    bodies.map(async (values) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      for (const [name, value] of Object.entries(values)) form.append(name, value);
      const response = await fetch(new URL(path, baseURL), { method: "POST", body: form, redirect: "manual", headers });
      return { status: response.status, errors: shownErrors(await response.text()) };
    }),
  );
}

test("of 40 wrong passwords sent at once, no more than the lockout's 10 are tried", async () => {
  const account = await ownStaff("right-password-1");
  const headers = { "x-forwarded-for": ownAddress() };
  const answers = await postAtOnce("/staff", Array.from({ length: 40 }, (_, index) => ({ email: account.email, password: `wrong-password-${index}` })), headers);
  const tried = answers.filter((answer) => answer.errors.includes(NO_MATCH)).length;
  const paused = answers.filter((answer) => answer.errors.some((error) => /^Too many failed attempts for this account\. Try again in 15 minutes\.$/.test(error))).length;
  expect(tried).toBe(STAFF_SIGN_IN_LIMITS.perAccountAndAddress.points);
  expect(paused).toBe(40 - STAFF_SIGN_IN_LIMITS.perAccountAndAddress.points);
  expect(answers.every((answer) => answer.status === 200)).toBe(true);
});

test("an address that locked an account out locks only itself out: the moderator signs in from elsewhere", async () => {
  const account = await ownStaff("right-password-4");
  const attacker = { "x-forwarded-for": ownAddress() };
  await postAtOnce("/staff", Array.from({ length: 12 }, (_, index) => ({ email: account.email, password: `wrong-password-${index}` })), attacker);
  const again = await postServerActionForm(baseURL, "/staff", { email: account.email, password: account.password }, attacker);
  expect(again.errors).toEqual([expect.stringMatching(/^Too many failed attempts for this account\./)]);
  const moderator = await postServerActionForm(baseURL, "/staff", { email: account.email, password: account.password }, { "x-forwarded-for": ownAddress() });
  expect(moderator.status).toBe(303);
});

test("ten wrong passwords from each of 11 networks cannot lock the owner out: their right password from a fresh address gets in, the guessers stay paused", async () => {
  const account = await ownStaff("right-password-5");
  // Eleven /48s of the documentation range, all different, one /64 in each.
  const base = randomBytes(2).readUInt16BE() & 0xefff;
  const networkAddress = (index: number) => ({ "x-forwarded-for": `2001:db8:${(base + index).toString(16)}:1::1` });
  for (let index = 0; index < 11; index++) {
    await postAtOnce("/staff", Array.from({ length: 10 }, (_, attempt) => ({ email: account.email, password: `wrong-password-${index}-${attempt}` })), networkAddress(index));
  }
  // The account is past its ceiling of 100 now: an address that has been guessing is paused, even with the right password.
  const guesser = await postServerActionForm(baseURL, "/staff", { email: account.email, password: account.password }, networkAddress(3));
  expect(guesser.errors).toEqual([expect.stringMatching(/^Too many failed attempts for this account\. Try again in \d+ minutes\.$/)]);
  // The owner, from where they are.
  const owner = await postServerActionForm(baseURL, "/staff", { email: account.email, password: account.password }, networkAddress(20));
  expect(owner.status).toBe(303);
  // A fresh network's three tries (a typo or two) are spent by three wrong passwords: its next guess is paused,
  // from any /64 of it.
  const fresh = networkAddress(30);
  for (let attempt = 0; attempt < 3; attempt++) {
    expect((await postServerActionForm(baseURL, "/staff", { email: account.email, password: `wrong-password-fresh-${attempt}` }, fresh)).errors).toEqual([NO_MATCH]);
  }
  const again = await postServerActionForm(baseURL, "/staff", { email: account.email, password: "wrong-password-again" }, { "x-forwarded-for": `2001:db8:${(base + 30).toString(16)}:2::1` });
  expect(again.errors).toEqual([expect.stringMatching(/^Too many failed attempts for this account\./)]);
});

test("39 wrong passwords and the right one sent at once: at most 10 are tried, and the right one only wins if it was among them", async () => {
  const account = await ownStaff("right-password-2");
  const headers = { "x-forwarded-for": ownAddress() };
  const bodies = Array.from({ length: 40 }, (_, index) => ({ email: account.email, password: index === 20 ? account.password : `wrong-password-${index}` }));
  const answers = await postAtOnce("/staff", bodies, headers);
  const signedIn = answers.filter((answer) => answer.status === 303).length;
  const tried = answers.filter((answer) => answer.errors.includes(NO_MATCH)).length + signedIn;
  expect(tried).toBeLessThanOrEqual(STAFF_SIGN_IN_LIMITS.perAccountAndAddress.points);
  expect(signedIn).toBeLessThanOrEqual(1);
});

test("one address spraying many emails is stopped after 50 attempts; another address is not", async () => {
  const headers = { "x-forwarded-for": ownAddress() };
  const sprayed = Array.from({ length: STAFF_SIGN_IN_LIMITS.perAddress.points + 5 }, (_, index) => ({ email: `nobody-${index}-${randomBytes(3).toString("hex")}@example.com`, password: "guess-password-1" }));
  const answers = await postAtOnce("/staff", sprayed, headers);
  expect(answers.filter((answer) => answer.errors.includes(NO_MATCH)).length).toBe(STAFF_SIGN_IN_LIMITS.perAddress.points);
  const stopped = answers.filter((answer) => answer.errors.some((error) => /^Too many sign-in attempts from your network\. Try again in \d+ minutes\.$/.test(error)));
  expect(stopped.length).toBe(5);

  // The right password from another address still works.
  const account = await ownStaff("right-password-3");
  const elsewhere = await postServerActionForm(baseURL, "/staff", { email: account.email, password: account.password }, { "x-forwarded-for": ownAddress() });
  expect(elsewhere.status).toBe(303);
});

test("signing back in with one email is limited to 20 per 10 minutes, with the wait in the message; nothing is stored", async () => {
  const attendee = newAttendee("email-limit");
  const headers = { "x-forwarded-for": ownAddress() };
  const bodies = Array.from({ length: REGISTRATION_LIMITS.perEmail.points + 3 }, () => attendee);
  const answers = await postAtOnce("/", bodies, headers);
  expect(answers.filter((answer) => answer.status === 303).length).toBe(REGISTRATION_LIMITS.perEmail.points);
  const refused = answers.filter((answer) => answer.errors.some((error) => /^Too many sign-ins for this email\. Try again in \d+ (s|minutes)\.$/.test(error)));
  expect(refused.length).toBe(3);
  expect(await query("SELECT id FROM users WHERE email = ?", [attendee.email])).toHaveLength(1);
});

test("a venue's worth of registrations from one address gets in; a script's next ones are refused", async () => {
  test.setTimeout(120_000);
  const headers = { "x-forwarded-for": ownAddress() };
  const tag = randomBytes(3).toString("hex");
  const limit = REGISTRATION_LIMITS.perAddress.points;
  let admitted = 0;
  // 1,000 people behind one NAT, 25 at a time.
  for (let start = 0; start < limit + 5; start += 25) {
    const bodies = Array.from({ length: Math.min(25, limit + 5 - start) }, (_, index) => ({ name: `Venue ${tag} ${start + index}`, email: `venue-${tag}-${start + index}@example.com`, phone: "+15550100" }));
    const answers = await postAtOnce("/", bodies, headers);
    admitted += answers.filter((answer) => answer.status === 303).length;
    for (const answer of answers.filter((answer) => answer.status !== 303)) {
      expect(answer.errors).toEqual([expect.stringMatching(/^Too many registrations from your network right now\. Try again in \d+ (s|minutes)\.$/)]);
    }
  }
  expect(admitted).toBe(limit);
  const [{ stored }] = await query<{ stored: number }>("SELECT COUNT(*) AS stored FROM users WHERE email LIKE ?", [`venue-${tag}-%`]);
  expect(Number(stored)).toBe(limit);
});

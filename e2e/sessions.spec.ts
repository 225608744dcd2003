import { randomBytes } from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import { SESSION_TTL_SECONDS, STAFF_SESSION_TTL_SECONDS } from "../lib/session-options";
import { createAttendee, pathOf, type TestEvent } from "./events";
import { fillRegistration, newAttendee, test } from "./fixtures";
import { chatMessages, cookieHeader, expectLive, sendChat } from "./live-room";
import { saveStaffWithCommand } from "./staff-accounts";

// Sessions that end: sign-out revokes the session on the server, so a copy of
// its cookie (another tab, a stolen one) stops working everywhere; an admin
// can end every session of a person; staff sessions are short.
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

/** An admin account of this test's own, so signing it out never touches another spec's session. */
async function ownAdmin() {
  const account = { email: `admin-${randomBytes(4).toString("hex")}@podium.test`, name: "Own Admin", role: "admin", password: "own-admin-pass-1" };
  await saveStaffWithCommand(account);
  return account;
}

async function signIn(page: Page, account: { email: string; password: string }, next = "/reports") {
  await page.goto(`/staff?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // /reports itself goes on to /reports/users.
  await expect(page).toHaveURL(new RegExp(`${next}(/users)?$`));
}

/** The attendee registers (or signs back in) at the event's page in a browser of their own, and watches it. */
async function register(browser: Browser, event: TestEvent, attendee: ReturnType<typeof newAttendee>) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(pathOf(event));
  await fillRegistration(page, attendee);
  await page.getByRole("button", { name: "Join the event" }).click();
  await expect(page).toHaveURL(new RegExp(`${pathOf(event, "/watch")}$`));
  await expectLive(page);
  return { context, page };
}

/** A second browser holding a copy of this one's cookie. */
async function copyOf(browser: Browser, context: BrowserContext) {
  const copy = await browser.newContext({ baseURL });
  await copy.addCookies(await context.cookies());
  return copy;
}

function connect(cookie: string, surface: string, event: TestEvent): Promise<Socket> {
  const socket = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie }, auth: { surface, event: event.slug } });
  return new Promise((resolve, reject) => {
    socket.once("state", () => resolve(socket));
    socket.once("connect_error", (error) => reject(error));
  });
}

function refusal(cookie: string): Promise<string> {
  const socket = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie }, auth: { surface: "watch" } });
  return new Promise((resolve) => {
    socket.once("state", () => resolve("admitted"));
    socket.once("connect_error", (error) => resolve(error.message));
  }).finally(() => socket.close()) as Promise<string>;
}

const get = (path: string, cookie: string) => fetch(new URL(path, baseURL), { headers: { cookie }, redirect: "manual" });

test("signing out ends the session: a copied staff cookie stops working on pages, actions, exports and open sockets", async ({ browser, event }) => {
  const admin = await ownAdmin();
  // Someone in the event's users report, so it has an "End sessions" button to press.
  await createAttendee([event]);
  const usersReport = `${pathOf(event, "/reports")}/users`;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, admin);
  const cookie = await cookieHeader(context);

  // Before: the copy works everywhere.
  const copy = await copyOf(browser, context);
  const copyPage = await copy.newPage();
  await copyPage.goto(usersReport);
  await expect(copyPage.getByRole("heading", { name: "Reports" })).toBeVisible();
  expect((await get("/reports/users/export", cookie)).status).toBe(200);
  const socket = await connect(cookie, "mod", event);
  const closedByServer = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/\?reason=signed-out$/);

  // The open socket is closed by the server, and cannot come back.
  expect(await closedByServer).toBe("io server disconnect");
  expect(await refusal(cookie)).toBe("unauthorized");
  // Pages and exports send the copy to sign-in.
  const reports = await get("/reports", cookie);
  expect(reports.status).toBe(307);
  expect(reports.headers.get("location")).toBe("/staff?reason=signin&next=%2Freports");
  const exported = await get("/reports/users/export", cookie);
  expect(exported.status).toBe(303);
  expect(exported.headers.get("location")).toMatch(/\/staff\?reason=signin/);
  // A server action sent from a page the copy opened before: refused, and sent to sign-in.
  await copyPage.getByRole("button", { name: /^End sessions of / }).first().click();
  await copyPage.getByRole("button", { name: "End all sessions" }).click();
  await expect(copyPage).toHaveURL(/\/staff\?reason=signin&next=%2Freports$/);
  await Promise.all([context.close(), copy.close()]);
});

test("an attendee who signs out is signed out in every copy of that cookie, but their other devices stay in", async ({ browser, event }) => {
  const attendee = newAttendee("signout");
  const laptop = await register(browser, event, attendee);
  const phone = await register(browser, event, attendee);
  const copy = await copyOf(browser, laptop.context);
  const copyPage = await copy.newPage();
  await copyPage.goto(pathOf(event, "/watch"));
  await expectLive(copyPage);

  await laptop.page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(laptop.page).toHaveURL(/\/\?reason=signed-out$/);
  // The copy's open page is told at once: its socket is closed and refused, and the page goes to the event's sign-in.
  const signInPage = new RegExp(`${pathOf(event)}\\?reason=signin`);
  await expect(copyPage).toHaveURL(signInPage, { timeout: 10_000 });
  await copyPage.goto(pathOf(event, "/watch"));
  await expect(copyPage).toHaveURL(signInPage);

  // The phone signed in separately, so it is still in and can chat.
  const text = `Still here ${Date.now()}`;
  await sendChat(phone.page, text);
  await expect(chatMessages(phone.page).filter({ hasText: text })).toHaveCount(1);
  await phone.page.reload();
  await expect(phone.page).toHaveURL(new RegExp(`${pathOf(event, "/watch")}$`));
  await Promise.all([laptop.context.close(), phone.context.close(), copy.close()]);
});

test("an admin can end every session of a person from the users report", async ({ browser, event }) => {
  const attendee = newAttendee("ended");
  const laptop = await register(browser, event, attendee);
  const phone = await register(browser, event, attendee);
  const admin = await ownAdmin();
  const adminContext = await browser.newContext({ baseURL });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin, "/reports/users");
  await adminPage.goto(`${pathOf(event, "/reports")}/users?q=${encodeURIComponent(attendee.email)}`);
  await adminPage.getByRole("button", { name: `End sessions of ${attendee.name}` }).click();
  await expect(adminPage.getByText(`Sign ${attendee.name} out on every device?`)).toBeVisible();
  await adminPage.getByRole("button", { name: "End all sessions" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Sessions ended: signed out on every device." })).toBeVisible();

  const signInPage = new RegExp(`${pathOf(event)}\\?reason=signin`);
  await expect(laptop.page).toHaveURL(signInPage, { timeout: 10_000 });
  await expect(phone.page).toHaveURL(signInPage, { timeout: 10_000 });
  // Signing back in works as before: the email is known.
  await laptop.page.goto(pathOf(event));
  await fillRegistration(laptop.page, attendee);
  await laptop.page.getByRole("button", { name: "Join the event" }).click();
  await expect(laptop.page).toHaveURL(new RegExp(`${pathOf(event, "/watch")}$`));
  await Promise.all([laptop.context.close(), phone.context.close(), adminContext.close()]);
});

/** The Max-Age of the session cookie a sign-in set, and the expiry sealed inside it (ms since the epoch). */
async function cookieLifetime(context: BrowserContext) {
  const cookie = (await context.cookies()).find((entry) => entry.name === "podium_session")!;
  // An Iron seal: Fe26.2*password-id*salt*iv*encrypted*expiration*hmac-salt*hmac, and ~2 (iron-session's version).
  const sealedExpiry = Number(cookie.value.split("~")[0].split("*")[5]);
  return { cookieSeconds: cookie.expires - Date.now() / 1_000, sealedSeconds: (sealedExpiry - Date.now()) / 1_000 };
}

test("staff sessions last 12 hours and attendee sessions 14 days, in the cookie and in its seal", async ({ browser, event }) => {
  const admin = await ownAdmin();
  const staffContext = await browser.newContext({ baseURL });
  await signIn(await staffContext.newPage(), admin);
  const staff = await cookieLifetime(staffContext);
  for (const seconds of [staff.cookieSeconds, staff.sealedSeconds]) expect(Math.abs(seconds - STAFF_SESSION_TTL_SECONDS)).toBeLessThan(120);

  const attendee = await register(browser, event, newAttendee("lifetime"));
  const viewer = await cookieLifetime(attendee.context);
  for (const seconds of [viewer.cookieSeconds, viewer.sealedSeconds]) expect(Math.abs(seconds - SESSION_TTL_SECONDS)).toBeLessThan(120);
  await Promise.all([staffContext.close(), attendee.context.close()]);
});

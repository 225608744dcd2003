import { randomBytes } from "node:crypto";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { createEvent, pathOf, type EventPlace, type TestEvent } from "./events";
import { E2E_STAFF, type StaffRole } from "./staff-accounts";

/**
 * Playwright's test with `event`: an event of the test's own (live, chat and
 * Q&A on, not featured), so no other spec's chat, questions or counts reach
 * its room, and its counts are its own. Made only when a test asks for it.
 */
export const test = base.extend<{ event: TestEvent }>({
  // (Playwright reads a fixture's dependencies from its first parameter, so it must be a destructuring pattern.)
  event: async ({}, provide, testInfo) => {
    await provide(await createEvent(path.basename(testInfo.file).replace(/\..*$/, "")));
  },
});

/** A new attendee's details, unique per call so tests never share a row. */
export function newAttendee(label = "attendee") {
  const tag = randomBytes(4).toString("hex");
  return { name: `Test ${label} ${tag}`, email: `${label}-${tag}@example.com`, phone: "+1 (555) 010-2030" };
}

export async function fillRegistration(page: Page, attendee: { name: string; email: string; phone: string }) {
  await page.getByLabel("Name").fill(attendee.name);
  await page.getByLabel("Email").fill(attendee.email);
  await page.getByLabel("Phone").fill(attendee.phone);
}

/**
 * Registers (or signs back in) through an event's registration form, as a
 * person would, and waits for its watch page: /e/<slug> then /e/<slug>/watch,
 * or / then /watch for FEATURED.
 */
export async function registerAs(page: Page, event: EventPlace, attendee?: { name: string; email: string; phone: string }, label = "attendee") {
  attendee ??= newAttendee(label);
  await page.goto(pathOf(event));
  await fillRegistration(page, attendee);
  await page.getByRole("button", { name: "Join the event" }).click();
  // A form post and a new page: on a busy 2-core machine this can take longer than the default 5 s.
  await expect(page).toHaveURL(new RegExp(`${pathOf(event, "/watch")}$`), { timeout: 15_000 });
  return attendee;
}

/** Signs in at /staff with one of the accounts made by `npm run staff` for this run. */
export async function signInAsStaff(page: Page, role: StaffRole) {
  const account = E2E_STAFF[role];
  await page.goto("/staff");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password checks (scrypt) run at most two at once by design, so with several specs signing in together one may wait its turn.
  await expect(page).not.toHaveURL(/\/staff/, { timeout: 15_000 });
  await expect(page.getByTestId("signed-in-name")).toHaveText(account.name);
  return account;
}

import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { E2E_STAFF, type StaffRole } from "./staff-accounts";

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

/** Registers (or signs back in) through the form at /, as a person would, and waits for /watch. */
export async function registerAs(page: Page, attendee?: { name: string; email: string; phone: string }, label = "attendee") {
  attendee ??= newAttendee(label);
  await page.goto("/");
  await fillRegistration(page, attendee);
  await page.getByRole("button", { name: "Join the event" }).click();
  await expect(page).toHaveURL(/\/watch$/);
  return attendee;
}

/** Signs in at /staff with one of the accounts made by `npm run staff` for this run. */
export async function signInAsStaff(page: Page, role: StaffRole) {
  const account = E2E_STAFF[role];
  await page.goto("/staff");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/staff/);
  await expect(page.getByTestId("signed-in-name")).toHaveText(account.name);
  return account;
}

import { expect, test } from "@playwright/test";
import { usersWithEmail } from "./database";
import { createEvent, registrationsFor } from "./events";
import { expectLive } from "./live-room";
import { fillRegistration, newAttendee, registerAs, signInAsStaff } from "./fixtures";

// Every event has its own page, /e/<slug>: registering there (or one click,
// "Join this event", for a person already signed in) makes a registration for
// that event, and only a registration opens its watch page.

test("a new attendee registers at /e/<slug>, lands on that event's watch page, and is registered for it", async ({ page }) => {
  const event = await createEvent("Registering", { state: "scheduled", startsAt: new Date(Date.now() + 3 * 86_400_000) });
  await page.goto(`/e/${event.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(event.title);
  await expect(page.getByText(event.description)).toBeVisible();
  await expect(page.getByTestId("event-state")).toHaveText("Upcoming");
  await expect(page.getByRole("main").locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);

  const attendee = newAttendee("event");
  await fillRegistration(page, attendee);
  await page.getByRole("button", { name: "Join the event" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/watch$`), { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(event.title);
  expect(await usersWithEmail(attendee.email)).toEqual([expect.objectContaining({ name: attendee.name, role: "viewer" })]);
  expect(await registrationsFor(event.id, attendee.email)).toHaveLength(1);
  // Back at the event's page, a registered attendee goes straight to watch.
  await page.goto(`/e/${event.slug}`);
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/watch$`), { timeout: 15_000 });
});

test("registering again at /e/<slug> signs the same person back in and keeps one registration, with its first date", async ({ page }) => {
  const event = await createEvent("Returning attendee");
  const attendee = newAttendee("again");
  for (const round of [1, 2]) {
    await page.context().clearCookies();
    await page.goto(`/e/${event.slug}`);
    await fillRegistration(page, attendee);
    await page.getByRole("button", { name: "Join the event" }).click();
    await expect(page, `round ${round}`).toHaveURL(new RegExp(`/e/${event.slug}/watch$`), { timeout: 15_000 });
  }
  expect(await usersWithEmail(attendee.email)).toHaveLength(1);
  expect(await registrationsFor(event.id, attendee.email)).toHaveLength(1);
});

test("a person signed in for another event joins this one with one click", async ({ page }) => {
  const event = await createEvent("Joining");
  const attendee = await registerAs(page, await createEvent("Joined first"));
  await page.goto(`/e/${event.slug}`);
  await expect(page.getByText(`You are signed in as ${attendee.name}.`)).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveCount(0);
  expect(await registrationsFor(event.id, attendee.email)).toHaveLength(0);

  await page.getByRole("button", { name: "Join this event" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/watch$`), { timeout: 15_000 });
  await expect(page.getByTitle("Live stream")).toBeVisible();
  await expectLive(page);
  expect(await registrationsFor(event.id, attendee.email)).toHaveLength(1);
});

test("an event's watch page without a registration goes to the event's page with a notice", async ({ page }) => {
  const event = await createEvent("Guarded");
  // Signed out: register or sign back in, on the event's own page.
  await page.goto(`/e/${event.slug}/watch`);
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}\\?reason=signin&next=%2Fe%2F${event.slug}%2Fwatch$`));
  await expect(page.getByRole("status")).toHaveText("Register or sign back in to watch the event.");

  // Signed in for another event only: not this one.
  await registerAs(page, await createEvent("Elsewhere"));
  await page.goto(`/e/${event.slug}/watch`);
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}\\?reason=register$`));
  await expect(page.getByRole("main").getByRole("status")).toHaveText("You are not registered for this event yet. Join it to watch.");
  await expect(page.getByRole("button", { name: "Join this event" })).toBeVisible();
});

test("staff open an event's pages without registering, and each page shows the event", async ({ page: moderator }) => {
  const event = await createEvent("Staffed");
  await signInAsStaff(moderator, "moderator");
  await moderator.goto(`/e/${event.slug}`);
  await expect(moderator).toHaveURL(new RegExp(`/e/${event.slug}/watch$`), { timeout: 15_000 });
  await expect(moderator.getByRole("heading", { level: 1 })).toHaveText(event.title);
  await expect(moderator.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Moderate" })).toHaveAttribute("href", `/e/${event.slug}/mod`);
  await moderator.goto(`/e/${event.slug}/mod`);
  await expect(moderator.getByRole("heading", { name: "Moderator dashboard" })).toBeVisible();
  await expect(moderator.getByTestId("event-title")).toContainText(event.title);
  await moderator.goto(`/e/${event.slug}/speaker`);
  await expect(moderator.getByTestId("event-title")).toContainText(event.title);
  expect(await registrationsFor(event.id, "mod@podium.test")).toHaveLength(0);
});

test("a signed-out moderator sent from an event's dashboard comes back to it after signing in", async ({ page }) => {
  const event = await createEvent("Returning");
  await page.goto(`/e/${event.slug}/mod`);
  await expect(page).toHaveURL(new RegExp(`/staff\\?reason=signin&next=%2Fe%2F${event.slug}%2Fmod$`));
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Sign in with a staff account to open the moderator dashboard.");
  await page.getByLabel("Email").fill("mod@podium.test");
  await page.getByLabel("Password").fill("moderator-pass-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/mod$`));
  await expect(page.getByTestId("event-title")).toContainText(event.title);
});

test("an unknown or archived event's pages are 404", async ({ page }) => {
  const archived = await createEvent("Archived", { archived: true });
  for (const path of [`/e/no-such-event-${Date.now()}`, `/e/${archived.slug}`, `/e/${archived.slug}/watch`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

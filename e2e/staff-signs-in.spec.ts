import { expect, test } from "@playwright/test";
import { usersWithEmail } from "./database";
import { FEATURED } from "./events";
import { fillRegistration, newAttendee, registerAs, signInAsStaff } from "./fixtures";

// Staff sign-in at /staff, and where it sends people: the seed's routes (/mod,
// /speaker, /reports), which keep serving the featured event.
import { E2E_STAFF, saveStaffWithCommand } from "./staff-accounts";

test("a moderator signs in with the right password and lands on the dashboard", async ({ page }) => {
  await signInAsStaff(page, "moderator");
  await expect(page).toHaveURL(/\/mod$/);
  await expect(page.getByRole("heading", { name: "Moderator dashboard" })).toBeVisible();
});

test("a wrong password is refused and signs nobody in", async ({ page }) => {
  await page.goto("/staff");
  await page.getByLabel("Email").fill(E2E_STAFF.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password don't match a staff account.");
  await expect(page.getByLabel("Email")).toHaveValue(E2E_STAFF.admin.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/staff\?reason=signin&next=%2Freports$/);
});

test("an unknown email and an attendee's email cannot sign in as staff", async ({ page, browser }) => {
  const attendeeContext = await browser.newContext();
  const attendee = await registerAs(await attendeeContext.newPage(), FEATURED);
  await attendeeContext.close();

  for (const email of ["nobody@podium.test", attendee.email]) {
    await page.goto("/staff");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("whatever-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password don't match a staff account.");
  }
});

test("a staff email typed into the attendee form signs nobody in and changes nothing", async ({ page }) => {
  await page.goto("/");
  await fillRegistration(page, { name: "Pretender", email: E2E_STAFF.admin.email.toUpperCase(), phone: "5550001234" });
  await page.getByRole("button", { name: "Join the event" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/This email belongs to a staff account\. Staff sign in at \/staff\./);
  expect((await page.context().cookies()).filter((cookie) => cookie.name === "podium_session")).toHaveLength(0);
  expect(await usersWithEmail(E2E_STAFF.admin.email)).toEqual([expect.objectContaining({ name: E2E_STAFF.admin.name, role: "admin" })]);
  for (const route of ["/watch", "/mod", "/speaker", "/reports"]) {
    await page.goto(route);
    await expect(page).toHaveURL(/reason=signin/);
  }
});

test("changing a staff password with npm run staff ends that account's open sessions", async ({ page }) => {
  const account = { email: `${newAttendee("rotate").email}`, name: "Rotating Speaker", role: "speaker", password: "first-password-1" };
  await saveStaffWithCommand(account);
  await page.goto("/staff");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/speaker$/);

  await saveStaffWithCommand({ ...account, password: "second-password-2" });
  await page.goto("/speaker");
  await expect(page).toHaveURL(/\/staff\?reason=signin&next=%2Fspeaker$/);
});

test("after 10 wrong passwords an account's sign-in pauses, even for the right password", async ({ page }) => {
  const account = { email: `${newAttendee("locked").email}`, name: "Locked Moderator", role: "moderator", password: "right-password-1" };
  await saveStaffWithCommand(account);
  await page.goto("/staff");
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    // Each attempt is answered before the next is typed.
    await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), page.getByRole("button", { name: "Sign in" }).click()]);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password don't match a staff account.");
    // React resets the form once the action settles; type only after that, or the reset wipes it.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed attempts for this account\. Try again in 15 minutes\.$/);
  await expect(page).toHaveURL(/\/staff$/);
});

test("staff sign-in returns to the page that asked for it", async ({ page }) => {
  await page.goto("/speaker");
  await expect(page).toHaveURL(/\/staff\?reason=signin&next=%2Fspeaker$/);
  await expect(page.getByRole("status")).toHaveText("Sign in with a staff account to open the speaker view.");
  await page.getByLabel("Email").fill(E2E_STAFF.moderator.email);
  await page.getByLabel("Password").fill(E2E_STAFF.moderator.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/speaker$/);
});

test("staff sign out like everyone else", async ({ page }) => {
  await signInAsStaff(page, "admin");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/\?reason=signed-out$/);
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/staff\?reason=signin&next=%2Freports$/);
});

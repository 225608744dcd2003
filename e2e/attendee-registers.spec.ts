import { expect, test } from "@playwright/test";
import { usersNamed, usersWithEmail } from "./database";
import { FEATURED } from "./events";
import { fillRegistration, newAttendee, registerAs } from "./fixtures";
import { baseURL, formFields, ownAddress, postForm } from "./raw-http";

// On the seed's routes on purpose: / and /watch are contracts, and must serve the
// featured event exactly as they did before events existed.

test("a new attendee registers and lands on /watch", async ({ page }) => {
  const attendee = await registerAs(page, FEATURED);
  await expect(page.getByTestId("signed-in-name")).toHaveText(attendee.name);
  await expect(page.getByTitle("Live stream")).toBeVisible();
  expect(await usersWithEmail(attendee.email)).toEqual([
    expect.objectContaining({ name: attendee.name, email: attendee.email, phone: "+15550102030", role: "viewer" }),
  ]);
});

test("registering again with the same email in other letter case reaches the same account", async ({ browser }) => {
  const attendee = newAttendee("returning");
  const first = await browser.newContext();
  await registerAs(await first.newPage(), FEATURED, attendee);
  await first.close();

  const second = await browser.newContext();
  const page = await second.newPage();
  await registerAs(page, FEATURED, { name: "A Different Name", email: `  ${attendee.email.toUpperCase()} `, phone: "555 999 8888" });
  // The account keeps the name it registered with.
  await expect(page.getByTestId("signed-in-name")).toHaveText(attendee.name);
  const rows = await usersWithEmail(attendee.email);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ name: attendee.name, phone: "+15550102030" });
  await second.close();
});

const invalidCases = [
  { field: "Name", change: { name: "   " }, message: "Enter your name." },
  { field: "Email", change: { email: "not-an-email" }, message: "Enter an email address like name@example.com." },
  { field: "Phone", change: { phone: "12-34" }, message: "A phone number has 7 to 15 digits." },
  { field: "Phone", change: { phone: "call me" }, message: "Use digits, with an optional leading + (spaces, dashes and brackets are fine)." },
] as const;

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "checked in the browser" : "checked by the server (JavaScript off)", () => {
    test.use({ javaScriptEnabled });
    for (const { field, change, message } of invalidCases) {
      test(`an invalid ${field} (${JSON.stringify(Object.values(change)[0])}) shows its error, keeps the typed values and stores nothing`, async ({ page }) => {
        const attendee = { ...newAttendee("invalid"), ...change };
        await page.goto("/");
        await fillRegistration(page, attendee);
        await page.getByRole("button", { name: "Join the event" }).click();

        const input = page.getByLabel(field);
        await expect(input).toHaveAttribute("aria-invalid", "true");
        await expect(input).toHaveAccessibleDescription(new RegExp(message.replace(/[()+.]/g, "\\$&")));
        await expect(page.getByRole("main").getByRole("alert")).toHaveText([new RegExp(message.replace(/[()+.]/g, "\\$&"))]);
        await expect(page).toHaveURL(/\/(\?.*)?$/);
        await expect(page.getByLabel("Name")).toHaveValue(attendee.name);
        await expect(page.getByLabel("Email")).toHaveValue(attendee.email);
        await expect(page.getByLabel("Phone")).toHaveValue(attendee.phone);
        expect(await usersNamed(attendee.name)).toHaveLength(0);
      });
    }

    test("every empty field shows its own error", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("button", { name: "Join the event" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText([/Enter your name\./, /Enter your email address\./, /Enter your phone number\./]);
    });
  });
}

test("a signed-in attendee opening / goes to /watch, and sign-out ends the session", async ({ page }) => {
  await registerAs(page, FEATURED);
  await page.goto("/");
  await expect(page).toHaveURL(/\/watch$/);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/\?reason=signed-out$/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  expect((await page.context().cookies()).filter((cookie) => cookie.name === "podium_session")).toHaveLength(0);

  await page.goto("/watch");
  await expect(page).toHaveURL(/\/\?reason=signin&next=%2Fwatch$/);
  await expect(page.getByRole("status")).toHaveText("Register or sign back in to watch the event.");
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page }) => {
  await registerAs(page, FEATURED);
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === "podium_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
});

test("behind an https proxy the session cookie is marked Secure", async () => {
  // Raw HTTP: behind a TLS proxy the browser is on https, so its form posts say Origin: https://…, which a
  // browser on this plain-http server cannot send (and a post whose Origin has another scheme is refused).
  const response = await postForm("/", await formFields("/"), [["name", "Behind Https"], ["email", newAttendee("https").email], ["phone", "5550100"]], {
    origin: baseURL.replace("http://", "https://"),
    "x-forwarded-proto": "https",
    "x-forwarded-for": ownAddress(),
  });
  expect(response.status).toBe(303);
  const setCookie = [response.headers["set-cookie"] ?? []].flat();
  expect(setCookie.find((value) => value.startsWith("podium_session="))).toMatch(/;\s*Secure/i);
});

import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { query } from "./database";
import { createAttendee } from "./events";
import { signInAsStaff } from "./fixtures";

// An organiser runs events from /events in a real browser against the real
// server and database: create (a bad stream URL refused first), edit, copy
// the link, scan the QR code, duplicate, go live, end, archive, and the link
// name locking once someone registered.

type EventRow = { id: number; slug: string; title: string; state: string; stream_url: string; starts_at: Date; archived_at: Date | null; is_featured: number | null };

async function eventRow(id: number): Promise<EventRow> {
  const [row] = await query<EventRow>("SELECT id, slug, title, state, stream_url, starts_at, archived_at, is_featured FROM events WHERE id = ?", [id]);
  return row;
}

const eventIdOf = (page: Page) => Number(/\/events\/(\d+)/.exec(page.url())?.[1]);

/**
 * An image (a data URL or a PNG screenshot) decoded as a QR code by jsQR. A blank page's canvas reads
 * its pixels, drawn at most 400 px wide (jsQR needs no more, and 1200² pixels are slow to hand over).
 */
async function decodeQr(context: BrowserContext, image: string): Promise<string | null> {
  const blank = await context.newPage();
  const pixels = await blank.evaluate(async (source) => {
    const element = new Image();
    element.src = source;
    await element.decode();
    const scale = Math.min(1, 400 / element.naturalWidth);
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [Math.round(element.naturalWidth * scale), Math.round(element.naturalHeight * scale)];
    const drawing = canvas.getContext("2d")!;
    drawing.imageSmoothingEnabled = false;
    drawing.fillStyle = "#fff";
    drawing.fillRect(0, 0, canvas.width, canvas.height);
    drawing.drawImage(element, 0, 0, canvas.width, canvas.height);
    const data = drawing.getImageData(0, 0, canvas.width, canvas.height);
    let binary = "";
    for (const byte of data.data) binary += String.fromCharCode(byte);
    return { width: data.width, height: data.height, base64: btoa(binary) };
  }, image);
  await blank.close();
  return jsQR(Uint8ClampedArray.from(Buffer.from(pixels.base64, "base64")), pixels.width, pixels.height)?.data ?? null;
}

async function organiser(browser: import("@playwright/test").Browser) {
  // A zone nine hours from UTC with no clock changes: a time read in the wrong zone shows.
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signInAsStaff(page, "admin");
  await page.goto("/events");
  // The browser tells the server its zone once; the page then shows times in it.
  await expect(page.getByText("Times in Asia/Tokyo")).toBeVisible();
  return { context, page };
}

test("an organiser creates, edits, shares, duplicates, runs and archives an event", async ({ browser, baseURL }) => {
  // A whole event's life in one story: longer than one page's test.
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString("hex");
  const title = `Launch party ${tag}`;
  const slug = `launch-party-${tag}`;
  const { context, page } = await organiser(browser);

  await page.getByRole("link", { name: "New event" }).click();
  await expect(page).toHaveURL(/\/events\/new$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "New event" })).toBeVisible();
  await expect(page.getByText("Times in Asia/Tokyo")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  // The link name follows the title until the organiser types one.
  await expect(page.getByLabel("Link name")).toHaveValue(slug);
  await page.getByLabel("Description").fill("Doors at six.");
  await page.getByLabel("Stream URL (optional)").fill("http://video.example.com/live");
  await page.getByLabel("Starts at").fill("2027-03-14T18:30");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByText(/Use an https:\/\/ address .* or leave it empty for the server's default\./)).toBeVisible();
  await expect(page.getByLabel("Stream URL (optional)")).toBeFocused();
  await expect(page).toHaveURL(/\/events\/new$/);

  await page.getByLabel("Stream URL (optional)").fill("/stream");
  await page.getByLabel("Ends at (optional)").fill("2027-03-14T17:00");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByText("The end must be after the start.")).toBeVisible();
  await page.getByLabel("Ends at (optional)").fill("2027-03-14T20:00");
  await page.getByRole("button", { name: "Create event" }).click();

  await expect(page).toHaveURL(/\/events\/\d+\?done=created$/);
  await expect(page.getByText("Event created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("event-state").first()).toHaveText("Scheduled");
  const id = eventIdOf(page);
  // 18:30 in Tokyo is 09:30 UTC.
  expect(await eventRow(id)).toMatchObject({ slug, title, state: "scheduled", stream_url: "/stream", starts_at: new Date("2027-03-14T09:30:00Z"), is_featured: null });

  // The attendee link: copied, and the QR code (on the page, and the PNG download) decodes to it.
  const link = `${baseURL}/e/${slug}`;
  const share = page.getByRole("region", { name: "Attendee link" });
  await expect(share.getByTestId("attendee-link")).toHaveText(link);
  await share.getByRole("button", { name: "Copy link" }).click();
  await expect(share.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const qr = share.getByTestId("event-qr");
  expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(240);
  expect(await decodeQr(context, `data:image/png;base64,${(await qr.screenshot()).toString("base64")}`)).toBe(link);
  expect(await decodeQr(context, (await share.getByRole("link", { name: /PNG/ }).getAttribute("href"))!)).toBe(link);
  await expect(share.getByRole("link", { name: /SVG/ })).toHaveAttribute("download", `podium-${slug}-qr.svg`);

  // Edit: the form shows the times back in the organiser's zone.
  await expect(page.getByLabel("Starts at")).toHaveValue("2027-03-14T18:30");
  await page.getByLabel("Title").fill(`${title} (edited)`);
  await page.getByLabel("Q&A on").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `${title} (edited)` })).toBeVisible();
  await expect(page.getByLabel("Q&A on")).not.toBeChecked();
  expect((await query<{ is_qa_on: number }>("SELECT is_qa_on FROM events WHERE id = ?", [id]))[0].is_qa_on).toBe(0);

  // Duplicate: a new scheduled event with a free link name; the original is untouched.
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByText("This is the copy")).toBeVisible();
  const copyId = eventIdOf(page);
  expect(copyId).not.toBe(id);
  await expect(page.getByRole("heading", { level: 1, name: `${title} (edited) (copy)` })).toBeVisible();
  await expect(page.getByLabel("Link name")).toHaveValue(`${slug}-copy`);
  await expect(page.getByLabel("Starts at")).toHaveValue("2027-03-14T18:30");
  await expect(page.getByLabel("Q&A on")).not.toBeChecked();
  expect(await eventRow(copyId)).toMatchObject({ state: "scheduled", is_featured: null, stream_url: "/stream" });

  // Go live and End from the original's page: the state only moves forward.
  await page.goto(`/events/${id}`);
  await page.getByRole("button", { name: "Go live" }).click();
  await expect(page.getByText("The event is live.")).toBeVisible();
  await expect(page.getByTestId("event-state").first()).toHaveText("Live");
  await expect(page.getByRole("button", { name: "Go live" })).toHaveCount(0);
  await page.getByRole("button", { name: "End event" }).click();
  await expect(page.getByText("The event has ended.")).toBeVisible();
  await expect(page.getByTestId("event-state").first()).toHaveText("Ended");
  await expect(page.getByRole("button", { name: /Go live|End event/ })).toHaveCount(0);
  expect((await eventRow(id)).state).toBe("ended");

  // Both are in the list, with their state.
  await page.getByRole("link", { name: "← All events" }).click();
  const row = page.locator(`[data-testid=event-row][data-slug="${slug}"]`);
  await expect(row.getByTestId("event-state")).toHaveText("Ended");
  await expect(page.locator(`[data-testid=event-row][data-slug="${slug}-copy"]`).getByTestId("event-state")).toHaveText("Scheduled");

  // Archive asks first; Cancel changes nothing.
  await row.getByRole("link", { name: `Manage ${title} (edited)` }).click();
  await page.getByRole("button", { name: "Archive…" }).click();
  await expect(page.getByText(`Archive “${title} (edited)”?`)).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  expect((await eventRow(id)).archived_at).toBeNull();
  await page.getByRole("button", { name: "Archive…" }).click();
  await page.getByRole("button", { name: "Archive event" }).click();
  await expect(page).toHaveURL(/\/events\?done=archived/);
  await expect(page.getByText("Event archived.")).toBeVisible();
  await expect(row).toHaveCount(0);
  expect((await eventRow(id)).archived_at).not.toBeNull();
  expect((await page.goto(`/events/${id}`))?.status()).toBe(404);
  await context.close();
});

test("the link name locks once someone has registered, in the form and in the action", async ({ browser }) => {
  test.setTimeout(120_000);
  const tag = randomBytes(3).toString("hex");
  const { context, page } = await organiser(browser);
  await page.goto("/events/new");
  await expect(page.getByText("Times in Asia/Tokyo")).toBeVisible();
  await page.getByLabel("Title").fill(`Locked talk ${tag}`);
  await page.getByLabel("Starts at").fill("2027-05-01T10:00");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByText("Event created.")).toBeVisible();
  const id = eventIdOf(page);

  // No one yet: the link name can change.
  await expect(page.getByLabel("Link name")).toBeEditable();
  await expect(page.getByText("It can change until someone registers.")).toBeVisible();

  await createAttendee([{ id }]);
  await page.reload();
  await expect(page.getByTestId("event-registrations")).toHaveText("1");
  await expect(page.getByLabel("Link name")).not.toBeEditable();
  await expect(page.getByText("Locked: 1 person has registered with this link, so it can't change.")).toBeVisible();

  // A page that missed the registration (or a hand-made post) is refused by the action itself.
  await page.getByLabel("Link name").evaluate((input: HTMLInputElement) => input.removeAttribute("readonly"));
  await page.getByLabel("Link name").fill(`moved-${tag}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("People have registered with this link, so it can't change any more.")).toBeVisible();
  expect((await eventRow(id)).slug).toBe(`locked-talk-${tag}`);

  await page.goto("/events");
  await expect(page.locator(`[data-testid=event-row][data-slug="locked-talk-${tag}"]`).getByTestId("event-registrations")).toHaveText("1");
  await context.close();
});

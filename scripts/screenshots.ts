// Usage: BASE_URL=http://127.0.0.1:3000 STAFF_EMAIL=e STAFF_PASSWORD=p npx tsx scripts/screenshots.ts [out-dir]
// Screenshots of every page at desktop (1280), tablet (820) and phone (390)
// widths in the system Chromium, for looking at the UI before calling it done.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from "../e2e/chromium";

const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const outDir = process.argv[2] ?? ".screenshots";
const WIDTHS = { desktop: [1280, 800], tablet: [820, 1180], "tablet-landscape": [1180, 820], phone: [390, 844] } as const;

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

for (const [device, [width, height]] of Object.entries(WIDTHS)) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/");
  await shoot(page, `${device}-register`);
  await page.getByRole("button", { name: "Join the event" }).click();
  await shoot(page, `${device}-register-errors`);
  await page.goto("/staff?reason=forbidden&next=%2Fmod");
  await shoot(page, `${device}-staff`);
  await page.goto("/");
  await page.getByLabel("Name").fill("Zoë Screenshot 🎤");
  await page.getByLabel("Email").fill(`shot-${device}@example.com`);
  await page.getByLabel("Phone").fill("+1 555 010 2030");
  await page.getByRole("button", { name: "Join the event" }).click();
  await page.waitForURL(/\/watch$/);
  await page.frameLocator("iframe").locator("main").waitFor();
  await page.getByTestId("connection-status").and(page.locator("[data-connection=connected]")).waitFor();
  await shoot(page, `${device}-watch`);
  await page.getByRole("tab", { name: "Q&A" }).click();
  await shoot(page, `${device}-watch-qa`);
  if (process.env.STAFF_EMAIL && process.env.STAFF_PASSWORD) {
    await context.clearCookies();
    await page.goto("/staff");
    await page.getByLabel("Email").fill(process.env.STAFF_EMAIL);
    await page.getByLabel("Password").fill(process.env.STAFF_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/staff"));
    for (const route of ["/mod", "/speaker", "/reports/users", "/reports/analytics", "/reports/analytics/people", "/reports/events", "/reports/events/people"]) {
      await page.goto(route);
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await page.waitForTimeout(500);
      await shoot(page, `${device}-${route.slice(1).replaceAll("/", "-")}`);
    }
  }
  await context.close();
}
await browser.close();
console.log(`Screenshots in ${outDir}/`);

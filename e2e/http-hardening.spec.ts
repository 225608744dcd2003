import { expect, type Page } from "@playwright/test";
import { MAX_BODY_BYTES } from "../lib/http/guard-request";
import { hiddenFields } from "../scripts/server-action-form";
import { query } from "./database";
import { pathOf } from "./events";
import { newAttendee, registerAs, signInAsStaff, test } from "./fixtures";
import { chatMessages, expectLive, sendChat } from "./live-room";

// What every response carries, and what never reaches Next: the headers and
// the Content-Security-Policy (the pages must still work under it), and
// refusals that used to be 500s.
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

/** Every CSP violation the page (or a frame in it) reports, from the console and from the DOM event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

test("every page works under the Content-Security-Policy, with no violation reported", async ({ browser, event }) => {
  test.setTimeout(90_000);
  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  const attendeeViolations = await watchViolations(attendee);
  // The attendee's pages in the test's own event; the staff's at the seed's routes and the event's.
  await registerAs(attendee, event, newAttendee("csp"));
  await expectLive(attendee);
  const text = `Under the policy ${Date.now()}`;
  await sendChat(attendee, text);
  await expect(chatMessages(attendee).filter({ hasText: text })).toHaveCount(1);
  await expect(attendee.frameLocator("iframe").getByText("The live video will play here")).toBeVisible();
  await attendee.getByRole("tab", { name: "Q&A" }).click();
  await expect(attendee.getByLabel("Ask the speaker")).toBeVisible();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const staffViolations = await watchViolations(staff);
  await staff.goto("/staff");
  await signInAsStaff(staff, "admin");
  for (const path of [pathOf(event, "/mod"), pathOf(event, "/speaker")]) {
    await staff.goto(path);
    await expectLive(staff);
  }
  for (const path of ["/reports", "/reports/users", "/reports/analytics", "/reports/analytics/people", pathOf(event, "/reports")]) {
    await staff.goto(path);
    await expect(staff.getByRole("heading", { name: "Reports" })).toBeVisible();
  }
  // Client-side navigation (Next's router) runs under the policy too.
  await staff.getByRole("link", { name: "Registered users" }).first().click();
  await expect(staff).toHaveURL(/\/reports\/users/);

  expect(attendeeViolations).toEqual([]);
  expect(staffViolations).toEqual([]);
  await Promise.all([attendeeContext.close(), staffContext.close()]);
});

test("the policy allows exactly Podium's own scripts, styles, socket and stream, with a fresh nonce per page", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const policy = first.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).not.toContain("unsafe-inline");
  for (const directive of ["default-src 'self'", "connect-src 'self'", "frame-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'"]) {
    expect(policy).toContain(directive);
  }
  // Every script the page carries has this request's nonce.
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
});

test("over https (behind a proxy) responses carry HSTS and upgrade insecure requests; over http they do not", async ({ request }) => {
  const response = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=31536000");
  expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

async function postRegistration(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of hiddenFields(await (await fetch(`${baseURL}/`)).text())) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(`${baseURL}/`, { method: "POST", body: form, redirect: "manual", headers });
}

test("an oversized form gets 413 with a message, not a 500, and nothing is stored", async () => {
  for (const size of [MAX_BODY_BYTES + 1, 1_000_000, 10_000_000]) {
    const email = `${newAttendee("big").email}`;
    const response = await postRegistration({ name: "x".repeat(size), email, phone: "+15550100" });
    expect(response.status, `${size} bytes`).toBe(413);
    const body = await response.text();
    expect(body).toContain("larger than any Podium form accepts");
    expect(body).not.toMatch(/at \w+ \(|node:internal|Error:/);
    expect(await query("SELECT id FROM users WHERE email = ?", [email])).toHaveLength(0);
  }
  // A post that does not say its length (chunked) is refused too.
  const chunks = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("name=chunked"));
      controller.close();
    },
  });
  const chunked = await fetch(`${baseURL}/`, { method: "POST", body: chunks, duplex: "half", headers: { "content-type": "application/x-www-form-urlencoded" } } as RequestInit);
  expect(chunked.status).toBe(411);
  // The server is still serving.
  expect((await fetch(`${baseURL}/`)).status).toBe(200);
});

test("a form post of any size up to the limit reaches the form, which answers it (bodies are read whole before Next)", async () => {
  for (const size of [10, 20_000, 60_000, MAX_BODY_BYTES - 2_000]) {
    const response = await postRegistration({ name: "x".repeat(size), email: newAttendee("sized").email, phone: "+15550100" });
    expect(response.status, `${size} bytes`).toBe(size > 80 ? 200 : 303);
    if (size > 80) expect(await response.text()).toContain("Keep your name to 80 characters or fewer.");
  }
});

test("a server-action post from another site, or with a null Origin, gets 403 and changes nothing", async () => {
  for (const origin of ["https://evil.example", "null", `http://127.0.0.1:1`]) {
    const email = newAttendee("csrf").email;
    const response = await postRegistration({ name: "Cross Site", email, phone: "+15550100" }, { origin });
    expect(response.status, origin).toBe(403);
    expect(await response.text()).toContain("sent from another site");
    expect(await query("SELECT id FROM users WHERE email = ?", [email])).toHaveLength(0);
  }
  // The same form from Podium's own origin works.
  const email = newAttendee("same-site").email;
  const response = await postRegistration({ name: "Same Site", email, phone: "+15550100" }, { origin: baseURL });
  expect(response.status).toBe(303);
});

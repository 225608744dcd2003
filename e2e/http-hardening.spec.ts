import { expect, type Page } from "@playwright/test";
import { MAX_BODY_BYTES } from "../lib/http/guard-request";
import { hiddenFields } from "../scripts/server-action-form";
import { query } from "./database";
import { createEvent, pathOf } from "./events";
import { FRAMABLE_STREAM_URLS, UNFRAMABLE_STREAM_URLS } from "./hostile-corpus";
import { newAttendee, registerAs, signInAsStaff, test } from "./fixtures";
import { chatMessages, expectLive, sendChat } from "./live-room";
import { formFields, inBatches, multipartBody, ownAddress, rawRequest, registerOverHttp, type RawResponse } from "./raw-http";

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

/** The id of the server action a page's form posts to, from the hidden fields Next renders for it. */
function actionIdOf(hidden: [string, string][]): string {
  for (const [name, value] of hidden) {
    const id = /^\$ACTION_ID_(\w+)$/.exec(name)?.[1] ?? /"id":"(\w+)"/.exec(value)?.[1];
    if (id) return id;
  }
  throw new Error("The page's form names no server action");
}

test("a server-action call whose body is not a form gets 400 before Next, and a real call still works", async () => {
  const address = ownAddress();
  const actionId = actionIdOf(await formFields("/"));
  const headers = { origin: baseURL, "next-action": actionId, "x-forwarded-for": address, accept: "text/x-component" };
  const garbled = ["{{{", "[", "null", "[1,2,3]", "", '{"0":1}', '["$K1"]', "[[]]", '[""]', "[{},{}]", '[{"a":"$Q1"}]'];
  for (const contentType of ["text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded", "MULTIPART/FORM-DATA; boundary=x", ""]) {
    for (const body of garbled) {
      const response = await rawRequest("/", { method: "POST", body, headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) } });
      expect.soft(response.status, `${JSON.stringify(body)} as ${contentType || "no type"}`).toBe(400);
      expect.soft(response.body, `${JSON.stringify(body)} as ${contentType || "no type"}`).toContain("The form arrived incomplete or garbled");
    }
  }
  // A multipart body (what Next's client sends) whose arguments are not the form.
  // The form in the state's place, two forms, a state holding a reference to a chunk that is not there.
  for (const root of ["{{{", "[", "null", "[1,2,3]", '{"a":"$K1"}', '["K1"]', '["$K1"]', '["$K1","$K1"]', '[{},{}]', '[{"a":"$Q1"},"$K1"]', '[{},"$K1",3]']) {
    const { body, contentType } = await multipartBody([], [["_1_name", "Ann"], ["0", root]]);
    const response = await rawRequest("/", { method: "POST", body, headers: { ...headers, "content-type": contentType } });
    expect.soft(response.status, `multipart arguments ${root}`).toBe(400);
  }
  // Posted without JavaScript: React reads the action from "$ACTION_<n>:<m>" fields, which must be JSON.
  for (const [name, value] of [["$ACTION_1:0", "{{{"], ["$ACTION_1:0", '{"bound":null}'], ["$ACTION_1:1", "["]]) {
    const { body, contentType } = await multipartBody([], [["$ACTION_REF_1", ""], [name, value], ["name", "Ann"]]);
    const response = await rawRequest("/", { method: "POST", body, headers: { origin: baseURL, "x-forwarded-for": address, "content-type": contentType } });
    expect.soft(response.status, `no-JavaScript form with ${name} = ${value}`).toBe(400);
  }
  // With no field "0" at all.
  const { body: noRoot, contentType: noRootType } = await multipartBody([], [["name", "Ann"]]);
  expect.soft((await rawRequest("/", { method: "POST", body: noRoot, headers: { ...headers, "content-type": noRootType } })).status, "no arguments").toBe(400);

  // What Next's client sends for the registration form (useActionState: the previous state, then the form, its
  // fields as "_1_<name>") is served.
  const email = newAttendee("js-call").email;
  const { body, contentType } = await multipartBody([], [["_1_name", "Script Call"], ["_1_email", email], ["_1_phone", "+15550100"], ["0", JSON.stringify([{}, "$K1"])]]);
  const call = await rawRequest("/", { method: "POST", body, headers: { ...headers, "content-type": contentType } });
  expect([200, 303]).toContain(call.status);
  expect(await query("SELECT id FROM users WHERE email = ?", [email])).toHaveLength(1);
  // Next's client sends an action that takes no form only the arguments its id marks as used, as text/plain
  // JSON: the header's Sign out uses its previous state alone ("[{}]", id 0x40…). Served there; to an action
  // that takes its form, the same body lacks the form and is garbled, and so is Sign out without its state.
  const noForm = { ...headers, "content-type": "text/plain;charset=UTF-8" };
  expect((await rawRequest("/", { method: "POST", body: "[{}]", headers: noForm })).status).toBe(400);
  const { cookie } = await registerOverHttp("sign-out-call", address);
  const signOutId = (await formFields("/watch", cookie)).map(([name, value]) => /^\$ACTION_ID_(40\w+)$/.exec(name)?.[1] ?? /"id":"(40\w+)"/.exec(value)?.[1]).find(Boolean);
  expect(signOutId).toBeTruthy();
  for (const body of ["[]", "[1]", "[{}, 2]", "null"]) {
    expect.soft((await rawRequest("/watch", { method: "POST", body, headers: { ...noForm, "next-action": signOutId!, cookie } })).status, `Sign out with ${body}`).toBe(400);
  }
  const signOut = await rawRequest("/watch", { method: "POST", body: "[{}]", headers: { ...noForm, "next-action": signOutId!, cookie } });
  expect([200, 303]).toContain(signOut.status);
  expect((await rawRequest("/watch", { headers: { cookie } })).status).toBe(307);
});

test("a post whose browser says it came from another site, or from another scheme, gets 403 and changes nothing", async () => {
  const address = ownAddress();
  const hidden = await formFields("/");
  const cases: [string, Record<string, string>][] = [
    ["no Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["no Origin, Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
    ["the same host over https, the request over http", { origin: baseURL.replace("http://", "https://") }],
    ["the same host over http, the request over https (X-Forwarded-Proto)", { origin: baseURL, "x-forwarded-proto": "https" }],
    ["its own Origin but Sec-Fetch-Site: cross-site", { origin: baseURL, "sec-fetch-site": "cross-site" }],
  ];
  for (const [label, headers] of cases) {
    const email = newAttendee("csrf-site").email;
    const { body, contentType } = await multipartBody(hidden, [["name", "Cross Site"], ["email", email], ["phone", "+15550100"]]);
    const response = await rawRequest("/", { method: "POST", body, headers: { "content-type": contentType, "x-forwarded-for": address, ...headers } });
    expect.soft(response.status, label).toBe(403);
    expect.soft(response.body, label).toContain("sent from another site");
    expect.soft(await query("SELECT id FROM users WHERE email = ?", [email]), label).toHaveLength(0);
  }
  // Podium's own page, over http and behind an https proxy, and a script that says nothing: served.
  const allowed: [string, Record<string, string>][] = [
    ["same origin", { origin: baseURL, "sec-fetch-site": "same-origin" }],
    ["https behind a proxy", { origin: baseURL.replace("http://", "https://"), "x-forwarded-proto": "https", "sec-fetch-site": "same-origin" }],
    ["a script with no Origin", {}],
  ];
  for (const [label, headers] of allowed) {
    const email = newAttendee("own-site").email;
    const { body, contentType } = await multipartBody(hidden, [["name", "Own Site"], ["email", email], ["phone", "+15550100"]]);
    const response = await rawRequest("/", { method: "POST", body, headers: { "content-type": contentType, "x-forwarded-for": address, ...headers } });
    expect.soft(response.status, label).toBe(303);
  }
});

/** The headers every response must carry, whoever wrote it. */
function expectSecurityHeaders(response: RawResponse, label: string) {
  const policy = String(response.headers["content-security-policy"] ?? "");
  for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'"]) expect.soft(policy, label).toContain(directive);
  expect.soft(response.headers["x-content-type-options"], label).toBe("nosniff");
  expect.soft(response.headers["referrer-policy"], label).toBe("same-origin");
  expect.soft(response.headers["x-frame-options"], label).toBe("SAMEORIGIN");
}

test("Socket.IO's answers, its errors included, and the 431 for oversized headers carry the security headers", async () => {
  const badSid = await rawRequest("/socket.io/?EIO=4&transport=polling&sid=not-a-session");
  expect(badSid.status).toBe(400);
  expectSecurityHeaders(badSid, "an unknown sid");
  const refusedOrigin = await rawRequest("/socket.io/?EIO=4&transport=polling", { headers: { origin: "https://evil.example" } });
  expect(refusedOrigin.status).toBe(403);
  expectSecurityHeaders(refusedOrigin, "a refused Origin");
  const badTransport = await rawRequest("/socket.io/?EIO=4&transport=carrier-pigeon");
  expect(badTransport.status).toBe(400);
  expectSecurityHeaders(badTransport, "an unknown transport");
  const handshake = await rawRequest("/socket.io/?EIO=4&transport=polling");
  expect(handshake.status).toBe(200);
  expectSecurityHeaders(handshake, "a handshake");

  // Node refuses headers over 16 KB before any listener sees the request.
  const oversized = await rawRequest("/", { headers: { "x-padding": "p".repeat(20_000) } });
  expect(oversized.status).toBe(431);
  expectSecurityHeaders(oversized, "431");
  // The server is still serving.
  expect((await rawRequest("/stream")).status).toBe(200);
});

/** The frame-src tokens of a response's policy. */
function frameSourcesOf(response: RawResponse): string[] {
  const directives = String(response.headers["content-security-policy"] ?? "").split(";").map((directive) => directive.trim());
  const frameSrc = directives.filter((directive) => directive.startsWith("frame-src "));
  expect(frameSrc).toHaveLength(1);
  return frameSrc[0].split(" ").slice(1);
}

test("a stream URL stored before it was refused adds nothing to the policy; an accepted one adds exactly its origin", async () => {
  await inBatches(Object.entries(UNFRAMABLE_STREAM_URLS), 4, async ([label, streamUrl]) => {
    const event = await createEvent("bad-stream", { streamUrl });
    for (const path of [pathOf(event), pathOf(event, "/watch")]) {
      const response = await rawRequest(path);
      expect.soft(response.headers["content-security-policy"], `${label} at ${path}`).not.toMatch(/sandbox|evil|\*|,|"/);
      expect.soft(frameSourcesOf(response), `${label} at ${path}`).toEqual(["'self'"]);
    }
  });
  await inBatches(Object.entries(FRAMABLE_STREAM_URLS), 4, async ([label, { sent, origin }]) => {
    const event = await createEvent("good-stream", { streamUrl: sent });
    expect.soft(frameSourcesOf(await rawRequest(pathOf(event))), label).toEqual(["'self'", origin]);
  });
});

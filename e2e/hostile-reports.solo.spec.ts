import { expect, test } from "@playwright/test";
import { LITERAL, MB } from "./hostile-corpus";
import { query } from "./database";
import { countRows, internalDetailIn, startBystander } from "./hostile-checks";
import { formFields, inBatches, ownAddress, postForm, rawRequest, registerOverHttp, signInOverHttp } from "./raw-http";
import { createEvent } from "./events";
import { E2E_STAFF } from "./staff-accounts";

// Every parameter of every report page and CSV export (the featured event's at
// /reports, another event's at /e/<slug>/reports, the overview across events),
// hostile, as an admin (and the exports as nobody and as an attendee). The
// reports fall back to their defaults for anything they do not understand
// (lib/reports/report-params.ts), so the expected answer is the report itself:
// never a server error, never anything internal, never markup from the URL.
// Hostile slugs find no event: 404 for an admin, the usual refusal for anyone
// else (the role is checked first). Solo: it counts every row.

const EVENT_AREAS = ["/users", "/analytics", "/analytics/people"];
const OVERVIEW = ["/reports/events", "/reports/events/people"];
const enc = encodeURIComponent;

const HOSTILE_SLUGS: [string, string][] = [
  ["an unknown slug", "no-such-event"],
  ["upper case", "FIRST-EVENT"],
  ["a trailing space", "first-event%20"],
  ["a NUL", "first-event%00"],
  ["an encoded path traversal", enc("../../etc/passwd")],
  ["an encoded slash", "first-event%2Fx"],
  ["markup", enc("<script>alert(1)</script>")],
  ["SQL", enc("first-event' OR '1'='1")],
  ["__proto__", "__proto__"],
  ["constructor", "constructor"],
  ["a 300-character slug", "a".repeat(300)],
  ["an emoji", enc("🎤")],
  ["a broken percent escape", "%E0%A4%A"],
];

const PARAMS: [string, string][] = [
  ["an empty q", "q="],
  ["a whitespace q", `q=${enc(" \u3000 ")}`],
  ["a NUL in q", "q=%00"],
  ["control characters in q", "q=%07%1B%5B2J%0D%0A"],
  ["a broken percent escape", "q=%E0%A4%A"],
  ["a lone percent sign", "q=%"],
  ["an overlong UTF-8 encoding", "q=%C0%AE%C0%AE"],
  ["zero-width and bidi characters in q", `q=${enc("\u202Eevil\u200B\u2066")}`],
  ["stacked combining marks in q", `q=${enc("e\u0301\u0301\u0301\u0301")}`],
  ["markup in q", `q=${enc("<script>alert(1)</script>")}`],
  ["SQL in q", `q=${enc("' OR 1=1; DROP TABLE users; --")}`],
  ["LIKE wildcards and a backslash in q", `q=${enc("%_\\")}`],
  ["an emoji across the 100-character cut", `q=${"a".repeat(99)}${enc("🎤")}`],
  ["a 10 kB q", `q=${"x".repeat(10_000)}`],
  ["q twice", "q=a&q=b"],
  ["q as an array", "q[]=1&q[x]=2"],
  ["a column that is not a sort", "sort=password_hash"],
  ["SQL as the sort", `sort=${enc("name; DROP TABLE users")}`],
  ["__proto__ as the sort", "sort=__proto__"],
  ["constructor as the sort", "sort=constructor"],
  ["an unknown direction", "dir=sideways"],
  ["SQL as the direction", `dir=${enc("asc; DROP TABLE users")}`],
  ...["-1", "0", "1.5", "1e309", "NaN", "Infinity", "0x10", "99999999999999", "1000000", "%00", ""].map((page): [string, string] => [`page=${page}`, `page=${page}`]),
  ...["0", "-50", "26", "1e9", "250.0", "25abc", "Infinity", ""].map((size): [string, string] => [`size=${size}`, `size=${size}`]),
  ["unknown parameters", "evil=1&__proto__[x]=1&constructor[prototype][x]=1"],
  ["everything at once", `q=${enc("<b>")}&sort=x&dir=y&page=-9&size=9e9&page=2&extra=%00`],
];

test("report pages and CSV exports answer any parameter with the report, never a server error or anything internal", async () => {
  // Sixteen pages and exports, each with every parameter: far more requests than one test's default minute.
  test.setTimeout(300_000);
  const address = ownAddress();
  const bystander = await startBystander(address);
  const admin = await signInOverHttp(E2E_STAFF.admin, address);
  const viewer = await registerOverHttp("report-viewer", address);
  // Someone whose name is markup, so the pages must escape what the database holds too.
  const markup = LITERAL["a script tag"].sent;
  const markupEmail = `markup-${Date.now()}@example.com`;
  const named = await postForm("/", await formFields("/"), [["name", markup], ["email", markupEmail], ["phone", "5550100"]], { "x-forwarded-for": address });
  expect(named.status).toBe(303);
  // Registered for the featured event and for an event of this spec's own (named explicitly, whatever the form did).
  const event = await createEvent("Hostile");
  for (const eventId of [1, event.id]) await query("INSERT IGNORE INTO registrations (event_id, user_id) SELECT ?, id FROM users WHERE email = ?", [eventId, markupEmail]);
  const PAGES = [...["/reports", `/e/${event.slug}/reports`].flatMap((base) => EVENT_AREAS.map((area) => `${base}${area}`)), ...OVERVIEW];
  const EXPORTS = PAGES.map((page) => `${page}/export`);
  const before = await countRows();

  const requests = [...PAGES, ...EXPORTS].flatMap((path) => PARAMS.map(([label, params]) => ({ label: `${path} with ${label}`, path, url: `${path}?${params}` })));
  await inBatches(requests, 3, async ({ label, path, url }) => {
    const response = await rawRequest(url, { headers: { cookie: admin } });
    expect.soft(response.status, label).toBe(200);
    expect.soft(internalDetailIn(response.body), label).toBeNull();
    if (path.endsWith("/export")) {
      expect.soft(response.headers["content-type"], label).toBe("text/csv; charset=utf-8");
      expect.soft(response.body.startsWith("\uFEFF"), `${label}: a CSV with its BOM`).toBe(true);
    } else {
      expect.soft(response.headers["content-type"], label).toMatch(/^text\/html/);
      expect.soft(response.body, label).toMatch(/<title>[^<]*Reports · Podium<\/title>/);
      expect.soft(response.body, `${label}: markup escaped`).not.toContain(markup);
    }
  });

  // A search for the markup name finds it, shown as text, in each event and across events.
  for (const path of ["/reports/users", `/e/${event.slug}/reports/users`]) {
    const found = await rawRequest(`${path}?q=${enc(markup)}`, { headers: { cookie: admin } });
    expect(found.body, path).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  // Hostile slugs: no event, so 404 for an admin (400 where the URL itself cannot be decoded), never an error page or anything internal.
  const slugRequests = HOSTILE_SLUGS.flatMap(([label, slug]) =>
    ["", ...EVENT_AREAS, ...EVENT_AREAS.map((area) => `${area}/export`)].map((area) => ({ label: `${label} at /e/…/reports${area}`, url: `/e/${slug}/reports${area}` })),
  );
  await inBatches(slugRequests, 3, async ({ label, url }) => {
    const response = await rawRequest(url, { headers: { cookie: admin } });
    expect.soft([404, 400], `${label}: ${response.status}`).toContain(response.status);
    expect.soft(internalDetailIn(response.body), label).toBeNull();
    expect.soft(response.body, `${label}: markup escaped`).not.toContain("<script>alert(1)</script>");
  });
  // Nobody else learns whether an event exists: the role is checked before the slug is looked up, and
  // either way the sign-in page is asked to come back to the reports named.
  for (const slug of ["no-such-event", event.slug]) {
    const next = encodeURIComponent(`/e/${slug}/reports`);
    for (const area of ["/users", "/users/export"]) {
      const signedOut = await rawRequest(`/e/${slug}/reports${area}`);
      expect.soft(signedOut.headers.location, `${slug}${area} signed out`).toMatch(new RegExp(`/staff\\?reason=signin&next=${next}$`));
      const attendee = await rawRequest(`/e/${slug}/reports${area}`, { headers: { cookie: viewer.cookie } });
      if (area.endsWith("/export")) expect.soft(attendee.status, `${slug}${area} as an attendee`).toBe(403);
      else expect.soft(attendee.headers.location, `${slug}${area} as an attendee`).toMatch(new RegExp(`/staff\\?reason=forbidden&next=${next}$`));
    }
  }

  // Time zones come from a cookie the browser sets; any value falls back to UTC.
  for (const zone of ["Mars/Olympus", "../../etc/passwd", "z".repeat(3_000), "%00", "UTC%0D%0ASet-Cookie:x=1", "<script>"]) {
    const response = await rawRequest("/reports/users", { headers: { cookie: `${admin}; podium_tz=${zone}` } });
    expect.soft(response.status, `time zone ${zone.slice(0, 20)}`).toBe(200);
    expect.soft(internalDetailIn(response.body), `time zone ${zone.slice(0, 20)}`).toBeNull();
  }

  // A query string beyond Node's 16 kB header limit is refused by the HTTP parser itself.
  for (const size of [MB, 10 * MB]) {
    const response = await rawRequest(`/reports/users?q=${"x".repeat(size)}`, { headers: { cookie: admin } });
    expect.soft(response.status === 431 || ("error" in response && ["EPIPE", "ECONNRESET"].includes(response.error)), `a ${size / MB} MB query string: ${response.status}`).toBe(true);
  }

  // Hostile parameters do not change who may download.
  for (const path of EXPORTS) {
    const signedOut = await rawRequest(`${path}?sort=${enc("name; DROP TABLE users")}&page=-1`);
    expect.soft(signedOut.status, `${path} signed out`).toBe(303);
    expect.soft(signedOut.headers.location, `${path} signed out`).toMatch(/\/staff\?reason=signin/);
    const attendee = await rawRequest(`${path}?q=%00&size=1e9`, { headers: { cookie: viewer.cookie } });
    expect.soft(attendee.status, `${path} as an attendee`).toBe(403);
  }

  await bystander.finish();
  expect(await countRows()).toEqual({ ...before, chat_messages: before.chat_messages + bystander.ownRows() });
});

import { expect, test, type Page } from "@playwright/test";
import { FEATURED } from "./events";
import { registerAs, signInAsStaff } from "./fixtures";

// Every route against every kind of visitor: allowed pages render, the rest
// send the visitor to the right sign-in page with a reason, never a 500. On the
// seed's routes on purpose: /watch, /mod, /speaker and /reports are contracts, and
// must serve the featured event exactly as before (an event's own pages are in
// e2e/attendee-joins-event.spec.ts and the authorization matrix).

const ROUTES = ["/watch", "/mod", "/speaker", "/reports", "/reports/users", "/reports/analytics", "/reports/analytics/people"] as const;
type Route = (typeof ROUTES)[number];
const HEADINGS: Record<Route, RegExp> = {
  // The featured event's title (made by the events migration).
  "/watch": /^First event$/,
  "/mod": /^Moderator dashboard$/,
  "/speaker": /^Questions \d+$/,
  // The featured event's reports.
  "/reports": /^Reports$/,
  "/reports/users": /^Reports$/,
  "/reports/analytics": /^Reports$/,
  "/reports/analytics/people": /^Reports$/,
};
// Where an allowed visitor ends up (/reports opens its first tab).
const LANDS_ON: Partial<Record<Route, string>> = { "/reports": "/reports/users" };
// The area whose sign-in a refused visitor is sent to.
const AREA_OF = (route: Route) => (route.startsWith("/reports") ? "/reports" : route);

type Visitor = "signed-out" | "viewer" | "moderator" | "speaker" | "admin";
const ACCESS: Record<Visitor, Route[]> = {
  "signed-out": [],
  viewer: ["/watch"],
  moderator: ["/watch", "/mod", "/speaker"],
  speaker: ["/watch", "/speaker"],
  admin: [...ROUTES],
};

async function signIn(page: Page, visitor: Visitor) {
  if (visitor === "viewer") await registerAs(page, FEATURED);
  else if (visitor !== "signed-out") await signInAsStaff(page, visitor);
}

for (const visitor of Object.keys(ACCESS) as Visitor[]) {
  test(`${visitor}: each route is open or redirects to sign-in`, async ({ page }) => {
    await signIn(page, visitor);
    for (const route of ROUTES) {
      const response = await page.goto(route);
      expect(response?.status(), route).toBeLessThan(500);
      if (ACCESS[visitor].includes(route)) {
        await expect(page, route).toHaveURL(new RegExp(`${LANDS_ON[route] ?? route}$`));
        await expect(page.getByRole("heading", { level: 1 }), route).toHaveText(HEADINGS[route]);
      } else {
        const next = encodeURIComponent(AREA_OF(route));
        const expected =
          visitor === "signed-out"
            ? route === "/watch"
              ? `/\\?reason=signin&next=${next}$`
              : `/staff\\?reason=signin&next=${next}$`
            : `/staff\\?reason=forbidden&next=${next}$`;
        await expect(page, route).toHaveURL(new RegExp(expected));
        await expect(page.getByRole("main").getByRole(visitor === "signed-out" ? "status" : "alert"), route).toBeVisible();
      }
    }
  });
}

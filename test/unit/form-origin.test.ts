import { describe, expect, it } from "vitest";
import { isOwnSitePost } from "@/lib/http/form-origin";

// The CSRF check before Next: the server end to end is in e2e/http-hardening.spec.ts.
const post = (headers: Record<string, string>) => ({ headers: { host: "events.example.com", ...headers } });

describe("a post from Podium's own pages", () => {
  it("is the request's own scheme and host, or a script that sends no Origin and no Sec-Fetch-Site", () => {
    expect(isOwnSitePost(post({ origin: "http://events.example.com" }), [])).toBe(true);
    expect(isOwnSitePost(post({ origin: "https://events.example.com", "x-forwarded-proto": "https" }), [])).toBe(true);
    expect(isOwnSitePost(post({ origin: "http://events.example.com", "sec-fetch-site": "same-origin" }), [])).toBe(true);
    expect(isOwnSitePost(post({}), [])).toBe(true);
    expect(isOwnSitePost(post({ "sec-fetch-site": "same-origin" }), [])).toBe(true);
    expect(isOwnSitePost(post({ "sec-fetch-site": "none" }), [])).toBe(true);
  });

  it("refuses another scheme on the same host: http://host is not https://host", () => {
    expect(isOwnSitePost(post({ origin: "https://events.example.com" }), [])).toBe(false);
    expect(isOwnSitePost(post({ origin: "http://events.example.com", "x-forwarded-proto": "https" }), [])).toBe(false);
    expect(isOwnSitePost(post({ origin: "ws://events.example.com" }), [])).toBe(false);
  });

  it("refuses a browser that says cross-site or same-site, with or without an Origin", () => {
    for (const site of ["cross-site", "same-site", "Cross-Site"]) {
      expect(isOwnSitePost(post({ "sec-fetch-site": site }), []), site).toBe(false);
      expect(isOwnSitePost(post({ origin: "http://events.example.com", "sec-fetch-site": site }), []), site).toBe(false);
    }
  });

  it("refuses other sites, null and garbage", () => {
    for (const origin of ["https://evil.example", "null", "", "not a url", "http://events.example.com.evil.example", "http://events.example.com:8080"]) {
      expect(isOwnSitePost(post({ origin }), []), origin).toBe(false);
    }
  });

  it("lets in an origin listed in ALLOWED_ORIGINS, whatever Sec-Fetch-Site says", () => {
    expect(isOwnSitePost(post({ origin: "https://stage.example.com", "sec-fetch-site": "same-site" }), ["https://stage.example.com"])).toBe(true);
    expect(isOwnSitePost(post({ origin: "https://partner.example.org/", "sec-fetch-site": "cross-site" }), ["https://partner.example.org"])).toBe(true);
    expect(isOwnSitePost(post({ origin: "https://other.example.com", "sec-fetch-site": "same-site" }), ["https://stage.example.com"])).toBe(false);
  });
});

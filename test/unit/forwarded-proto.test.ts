import { describe, expect, it } from "vitest";
import { isForwardedHttps } from "@/lib/http/forwarded-proto";

// Secure cookies, HSTS and the attendee link's scheme all follow this one reading of X-Forwarded-Proto.

describe("isForwardedHttps", () => {
  it("is https only when the proxy nearest the browser says so", () => {
    expect(isForwardedHttps("https")).toBe(true);
    expect(isForwardedHttps(" https , http")).toBe(true);
    expect(isForwardedHttps("http, https")).toBe(false);
    expect(isForwardedHttps(["https"])).toBe(true);
  });

  it("is plain http without the header or with anything else in it", () => {
    for (const value of [undefined, null, "", "http", "HTTPS-ish", "wss"]) expect(isForwardedHttps(value)).toBe(false);
  });
});

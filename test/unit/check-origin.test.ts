import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "@/lib/realtime/check-origin";

const request = (headers: Record<string, string>) => ({ headers: { host: "events.example.com", ...headers } });

describe("socket handshake origin", () => {
  it("lets a browser on the same host in, and a client with no Origin (not a browser)", () => {
    expect(isAllowedOrigin(request({ origin: "https://events.example.com" }), [])).toBe(true);
    expect(isAllowedOrigin(request({}), [])).toBe(true);
  });

  it("refuses another site, even one claiming the host through X-Forwarded-Host", () => {
    expect(isAllowedOrigin(request({ origin: "https://evil.example" }), [])).toBe(false);
    expect(isAllowedOrigin(request({ origin: "https://evil.example", "x-forwarded-host": "evil.example" }), [])).toBe(false);
    expect(isAllowedOrigin(request({ origin: "not a url" }), [])).toBe(false);
  });

  it("lets in the origins listed in ALLOWED_ORIGINS", () => {
    expect(isAllowedOrigin(request({ origin: "https://stage.example.org" }), ["https://stage.example.org"])).toBe(true);
  });
});

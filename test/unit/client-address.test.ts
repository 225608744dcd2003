import { describe, expect, it } from "vitest";
import { clientAddressOf, limitKey } from "@/lib/http/client-address";

const request = (forwardedFor?: string) => ({ headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }, socket: { remoteAddress: "10.0.0.5" } }) as never;

describe("the client address for per-address limits", () => {
  it("is the connection's own when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddressOf(request("203.0.113.9"), 0)).toBe("10.0.0.5");
    expect(clientAddressOf(request(), 0)).toBe("10.0.0.5");
  });

  it("behind one proxy, is the entry that proxy appended, not what the client wrote before it", () => {
    expect(clientAddressOf(request("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddressOf(request("203.0.113.9"), 1)).toBe("203.0.113.9");
  });

  it("behind two proxies, is the entry the outer one wrote", () => {
    expect(clientAddressOf(request("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });

  it("falls back to the first entry, then the connection, when the header is shorter or missing", () => {
    expect(clientAddressOf(request("203.0.113.9"), 3)).toBe("203.0.113.9");
    expect(clientAddressOf(request(), 1)).toBe("10.0.0.5");
  });
});

describe("what a per-address limit counts", () => {
  it("an IPv4 address as it is, also written IPv4-mapped", () => {
    expect(limitKey("203.0.113.9")).toBe("203.0.113.9");
    expect(limitKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("an IPv6 address by its /64, however it is written", () => {
    expect(limitKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(limitKey("2001:0db8:00aa:00bb:ffff::1")).toBe("2001:db8:aa:bb::/64");
    expect(limitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitKey("::1")).toBe("0:0:0:0::/64");
  });

  it("anything else as it is", () => {
    expect(limitKey("unknown")).toBe("unknown");
  });
});

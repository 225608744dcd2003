import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/validation/next-path";

describe("safeNextPath", () => {
  it("follows same-site paths", () => {
    expect(safeNextPath("/mod")).toBe("/mod");
    expect(safeNextPath("/watch?x=1")).toBe("/watch?x=1");
  });

  it.each([
    ["protocol-relative", "//evil.example"],
    ["absolute", "https://evil.example"],
    ["backslash", "/\\evil.example"],
    ["tab that browsers strip", "/\t/evil.example/phish"],
    ["newline (header injection)", "/\n/evil.example"],
    ["carriage return", "/\r\nSet-Cookie: x=1"],
    ["space", "/ /evil.example"],
    ["NUL", "/\u0000"],
    ["relative", "mod"],
    ["empty", ""],
    ["missing", undefined],
    ["array", ["/mod"]],
  ])("refuses a %s path", (_label, unsafe) => {
    expect(safeNextPath(unsafe)).toBeNull();
  });
});

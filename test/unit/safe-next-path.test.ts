import { describe, expect, it } from "vitest";
import { areaOfPath, areaPathOf } from "@/lib/access";
import { safeNextPath } from "@/lib/validation/next-path";

describe("safeNextPath", () => {
  it("follows same-site paths", () => {
    expect(safeNextPath("/mod")).toBe("/mod");
    expect(safeNextPath("/watch?x=1")).toBe("/watch?x=1");
  });

  it.each([
    ["/mod/../watch", "/watch"],
    ["/mod/%2e%2e/watch", "/watch"],
    ["/a/./b", "/a/b"],
    ["/../../mod", "/mod"],
    // Encoded slashes are not path separators: a browser keeps them in the path.
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/mod/..%2f/evil.example", "/mod/..%2f/evil.example"],
    ["/mod/..%09//evil.example", "/mod/..%09//evil.example"],
  ])("resolves dot segments in %s to a path on this site, %s", (next, resolved) => {
    expect(safeNextPath(next)).toBe(resolved);
    expect(new URL(resolved, "https://podium.example").origin).toBe("https://podium.example");
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
    ["dot segment back to a protocol-relative path", "/mod/..//evil.example"],
    ["dot segment with a query", "/mod/..//evil.example/x?next=1"],
    ["percent-encoded dots", "/mod/%2e%2e//evil.example"],
    ["percent-encoded capital dots", "/mod/%2E%2E//evil.example"],
    ["half-encoded dots", "/mod/.%2e//evil.example"],
    ["dots at the root", "/..//evil.example"],
    ["single-dot", "/.//evil.example"],
    ["two levels up", "/e/x/../..//evil.example"],
    ["dots then a backslash", "/mod/..\\/evil.example"],
    ["dots then a tab", "/mod/..\t//evil.example"],
    ["form-feed", "/mod/..\f//evil.example"],
  ])("refuses a %s path", (_label, unsafe) => {
    expect(safeNextPath(unsafe)).toBeNull();
  });
});

describe("areaOfPath and areaPathOf: the areas, on the featured event or any other", () => {
  it.each([
    ["/watch", "/watch", "/watch"],
    ["/mod", "/mod", "/mod"],
    ["/reports/users", "/reports", "/reports"],
    ["/e/spring-keynote/watch", "/watch", "/e/spring-keynote/watch"],
    ["/e/spring-keynote/mod", "/mod", "/e/spring-keynote/mod"],
    ["/e/x/speaker", "/speaker", "/e/x/speaker"],
    ["/e/talk-2027/reports/users/export", "/reports", "/e/talk-2027/reports"],
  ])("%s is in %s, which starts at %s", (path, area, start) => {
    expect(areaOfPath(path)).toBe(area);
    expect(areaPathOf(path)).toBe(start);
  });

  it.each([
    ["an event's registration page", "/e/spring-keynote"],
    ["the staff sign-in", "/staff"],
    ["a look-alike of an area", "/watchers"],
    ["a look-alike under an event", "/e/x/moderate"],
    ["a slug with capitals", "/e/Spring/mod"],
    ["a slug with a dot", "/e/x.y/mod"],
    ["an encoded slash in the slug", "/e/a%2Fb/mod"],
    ["an empty slug", "/e//mod"],
    ["two events deep", "/e/x/e/y/mod"],
    ["the root", "/"],
    ["nothing", undefined],
  ])("%s (%s) is in no area", (_label, path) => {
    expect(areaOfPath(path)).toBeNull();
    expect(areaPathOf(path)).toBeNull();
  });

  it("follows a safe `next` to an event's area, never off the site", () => {
    expect(areaOfPath(safeNextPath("/e/spring-keynote/mod"))).toBe("/mod");
    expect(safeNextPath("//evil.example/e/x/mod")).toBeNull();
    expect(areaOfPath(safeNextPath("/e/x/../../mod"))).toBe("/mod");
    expect(safeNextPath("/e/x/../../mod")).toBe("/mod");
  });
});

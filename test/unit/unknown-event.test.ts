import { describe, expect, it } from "vitest";
import { refuseUnknownEventName } from "@/lib/realtime/unknown-event";

// "An unknown socket event's name is not echoed back in full."

describe("the refusal of an unknown event", () => {
  it("names a short event as it was sent", () => {
    expect(refuseUnknownEventName("teleport")).toEqual({ ok: false, error: "unknown_event", message: 'There is no event called "teleport".' });
  });

  it("repeats at most 40 characters of a long name, marked as cut", () => {
    const { message } = refuseUnknownEventName("x".repeat(1_000_000));
    expect(message).toBe(`There is no event called "${"x".repeat(40)}…".`);
    expect(refuseUnknownEventName("y".repeat(40)).message).toBe(`There is no event called "${"y".repeat(40)}".`);
    expect(refuseUnknownEventName("y".repeat(41)).message).toBe(`There is no event called "${"y".repeat(40)}…".`);
  });

  it("counts an emoji as one character and never splits it", () => {
    const { message } = refuseUnknownEventName("🎤".repeat(50));
    expect(message).toBe(`There is no event called "${"🎤".repeat(40)}…".`);
  });

  it("drops control, format and bidi characters, and turns line breaks into spaces", () => {
    const { message } = refuseUnknownEventName("a\u0000b\u202Ec\u200Bd\ne\u2028f\u001B[31mg");
    expect(message).toBe('There is no event called "abcd e f[31mg".');
  });

  it("says so without a name when nothing printable is left", () => {
    expect(refuseUnknownEventName("\u0000\u202E\u200B").message).toBe("There is no such event.");
    expect(refuseUnknownEventName("").message).toBe("There is no such event.");
  });

  it("takes a number, which Socket.IO also allows as an event name", () => {
    expect(refuseUnknownEventName(7).message).toBe('There is no event called "7".');
  });

  it("marks as cut a name whose printable part is short but whose whole is long", () => {
    expect(refuseUnknownEventName("ab" + "\u0000".repeat(10_000)).message).toBe('There is no event called "ab…".');
  });
});

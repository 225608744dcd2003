import { describe, expect, it } from "vitest";
import { sessionUserFrom, type SessionRow } from "@/lib/users/load-session-user";
import { passwordStamp } from "@/lib/users/password-stamp";

const hash = "scrypt$16384$8$1$c2FsdA==$aGFzaA==";
const row = (changes: Partial<SessionRow> = {}): SessionRow => ({ id: 7, name: "Mo", email: "mo@example.com", role: "moderator", passwordHash: hash, sessionVersion: 2, isSessionEnded: false, ...changes });
const staffSession = { userId: 7, isStaffSignIn: true, passwordStamp: passwordStamp(hash), sessionId: "s".repeat(24), version: 2 };

describe("what a session grants", () => {
  it("a staff sign-in grants the account's role while everything still matches", () => {
    expect(sessionUserFrom(staffSession, row())).toEqual({ id: 7, name: "Mo", email: "mo@example.com", role: "moderator" });
  });

  it("nothing once this session was signed out", () => {
    expect(sessionUserFrom(staffSession, row({ isSessionEnded: true }))).toBeNull();
  });

  it("nothing once all the person's sessions were ended (the version moved on)", () => {
    expect(sessionUserFrom(staffSession, row({ sessionVersion: 3 }))).toBeNull();
    expect(sessionUserFrom({ userId: 7 }, row({ role: "viewer", passwordHash: null, sessionVersion: 1 }))).toBeNull();
  });

  it("a cookie from before versions existed counts as version 0", () => {
    expect(sessionUserFrom({ userId: 7 }, row({ role: "viewer", passwordHash: null, sessionVersion: 0 }))).toMatchObject({ role: "viewer" });
  });

  it("nothing for staff once the password changed; viewer rights only without a staff sign-in", () => {
    expect(sessionUserFrom(staffSession, row({ passwordHash: "scrypt$16384$8$1$c2FsdA==$b3RoZXI=" }))).toBeNull();
    expect(sessionUserFrom({ ...staffSession, isStaffSignIn: false }, row())).toMatchObject({ role: "viewer" });
  });

  it("nothing once the session's sealed lifetime is over (a dashboard left open past 12 hours)", () => {
    expect(sessionUserFrom({ ...staffSession, expiresAt: Date.now() - 1 }, row())).toBeNull();
    expect(sessionUserFrom({ ...staffSession, expiresAt: Date.now() + 60_000 }, row())).toMatchObject({ role: "moderator" });
  });

  it("nothing for an account that is gone", () => {
    expect(sessionUserFrom(staffSession, null)).toBeNull();
  });
});

import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateStaff } from "@/lib/users/authenticate-staff";
import { registerAttendee as register } from "@/lib/users/register-attendee";
import { saveStaffAccount } from "@/lib/users/save-staff-account";
import { registrationSchema } from "@/lib/validation/registration";

/** Registers and expects a signed-in attendee (not a refusal). */
async function registerAttendee(registration: Parameters<typeof register>[0]) {
  const result = await register(registration);
  if (result.outcome !== "signed-in") throw new Error(`expected a sign-in, got ${result.outcome}`);
  const { outcome: _outcome, ...attendee } = result;
  return attendee;
}

const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@Example.com`;

describe("attendee registration", () => {
  afterAll(() => db.$disconnect());

  it("creates one row when twenty registrations of one new email arrive at once, in any letter case", async () => {
    const email = uniqueEmail("race");
    const variants = Array.from({ length: 20 }, (_, index) =>
      registrationSchema.parse({ name: `Racer ${index}`, email: index % 2 ? email.toUpperCase() : email, phone: "+1 555 000 1111" }),
    );
    const results = await Promise.all(variants.map((registration) => registerAttendee(registration)));

    const rows = await db.user.findMany({ where: { email: email.toLowerCase() } });
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((result) => result.id))).toEqual(new Set([rows[0].id]));
    expect(results.filter((result) => !result.isReturning)).toHaveLength(1);
  });

  it("signs a known email back in and keeps the name and phone on record", async () => {
    const email = uniqueEmail("known");
    const first = await registerAttendee(registrationSchema.parse({ name: "Original Name", email, phone: "5550001111" }));
    const again = await registerAttendee(registrationSchema.parse({ name: "Someone Else", email: ` ${email.toUpperCase()} `, phone: "5559999999" }));
    expect(again).toEqual({ id: first.id, name: "Original Name", sessionVersion: 0, isReturning: true });
    const row = await db.user.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ name: "Original Name", phone: "5550001111", role: "viewer", passwordHash: null });
  });

  it("round-trips emoji and accents in names", async () => {
    const email = uniqueEmail("emoji");
    const name = "Zoë 🎤👩🏽‍💻 Ñúñez";
    const attendee = await registerAttendee(registrationSchema.parse({ name, email, phone: "5550002222" }));
    expect((await db.user.findUniqueOrThrow({ where: { id: attendee.id } })).name).toBe(name);
  });
});

describe("staff accounts", () => {
  it("authenticates staff with the right password only, and never an attendee", async () => {
    const email = uniqueEmail("staff").toLowerCase();
    await saveStaffAccount({ email, name: "Mod", role: "moderator", password: "correct-password" });
    expect(await authenticateStaff(email, "correct-password")).toMatchObject({ name: "Mod", role: "moderator" });
    expect(await authenticateStaff(email, "wrong-password")).toBeNull();
    expect(await authenticateStaff(uniqueEmail("nobody").toLowerCase(), "correct-password")).toBeNull();

    expect(await register({ name: "Pretender", email, phone: "5550009999" })).toEqual({ outcome: "staff-account" });

    const attendeeEmail = uniqueEmail("viewer").toLowerCase();
    await registerAttendee({ name: "Viewer", email: attendeeEmail, phone: "5550003333" });
    expect(await authenticateStaff(attendeeEmail, "")).toBeNull();
  });

  it("updates an existing account's role, name and password", async () => {
    const email = uniqueEmail("promote").toLowerCase();
    const created = await saveStaffAccount({ email, name: "Sam", role: "speaker", password: "first-password" });
    const updated = await saveStaffAccount({ email, name: "Sam Admin", role: "admin", password: "second-password" });
    expect(updated).toMatchObject({ id: created.id, role: "admin", isNew: false });
    expect(await authenticateStaff(email, "first-password")).toBeNull();
    expect(await authenticateStaff(email, "second-password")).toMatchObject({ name: "Sam Admin", role: "admin" });
  });
});

import { db } from "../db";
import { verifyPassword } from "./password";

/** The staff account for these credentials, or null. Attendees (no password) never match. */
export async function authenticateStaff(email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, role: true, passwordHash: true, sessionVersion: true },
  });
  // verifyPassword runs even for an unknown email so timing does not reveal which emails exist.
  const isValid = await verifyPassword(password, user?.passwordHash);
  if (!user?.passwordHash || !isValid || user.role === "viewer") return null;
  return { id: user.id, name: user.name, role: user.role, passwordHash: user.passwordHash, sessionVersion: user.sessionVersion };
}

import { db } from "../db";
import type { Role } from "../generated/prisma/enums";
import { hashPassword } from "./password";

export type StaffAccount = { email: string; name: string; role: Exclude<Role, "viewer">; password: string };

/** Creates the staff account, or updates name, role and password of the one with this email. */
export async function saveStaffAccount(account: StaffAccount) {
  const passwordHash = await hashPassword(account.password);
  const data = { name: account.name, role: account.role, passwordHash };
  const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
  const user = existing
    ? await db.user.update({ where: { id: existing.id }, data, select: { id: true, email: true, role: true } })
    : await db.user.create({ data: { ...data, email: account.email }, select: { id: true, email: true, role: true } });
  return { ...user, isNew: !existing };
}

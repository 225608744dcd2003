import { Prisma } from "./generated/prisma/client";

/** A unique index refused the write (an email registered at the same moment, a slug someone else took, a second featured event). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

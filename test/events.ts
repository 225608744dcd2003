import { randomBytes } from "node:crypto";
import { db } from "../lib/db";
import type { Prisma } from "../lib/generated/prisma/client";

/** A new event of its own for one test (live unless told otherwise), so tests never share a room. */
export function createTestEvent(data: Partial<Prisma.EventUncheckedCreateInput> = {}) {
  const tag = randomBytes(4).toString("hex");
  return db.event.create({ data: { slug: `test-${tag}`, title: `Test event ${tag}`, startsAt: new Date(), state: "live", ...data } });
}

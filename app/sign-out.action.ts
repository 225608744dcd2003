"use server";

import { redirect } from "next/navigation";
import { ROOMS } from "@/lib/realtime/contract";
import { getIo } from "@/lib/realtime/io";
import { getSession } from "@/lib/session";

export async function signOut() {
  const session = await getSession();
  const userId = session.userId;
  session.destroy();
  // Open live connections of this person close too; devices still signed in reconnect on their own.
  if (userId) getIo()?.in(ROOMS.user(userId)).disconnectSockets(true);
  redirect("/?reason=signed-out");
}

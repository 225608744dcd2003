import { creditHeartbeat } from "../../analytics/credit-heartbeat";
import { env } from "../../env";
import { pingPayloadSchema } from "../../validation/realtime";
import { defineHandler } from "../define-handler";
import { isWithinLimit } from "../rate-limit";
import { RoomError } from "../room-error";
import type { RoomSocket } from "../io";

/** `ping`: the /watch heartbeat. Never broadcast; the rules are in lib/analytics/heartbeat-rules.ts. */
export function registerHeartbeatHandler(socket: RoomSocket) {
  defineHandler(socket, "ping", {
    schema: pingPayloadSchema,
    async run() {
      if (socket.data.surface !== "watch") throw new RoomError("forbidden", "Only the event page (surface \"watch\") sends heartbeats.");
      if (socket.data.user.role !== "viewer") throw new RoomError("forbidden", "Staff watch time is not counted.");
      if (!(await isWithinLimit("ping", socket.data.user.id))) throw new RoomError("rate_limited", "Too many heartbeats. Send one per interval.");
      const { totalMinutes, isCredited } = await creditHeartbeat(socket.data.user.id, env.HEARTBEAT_SECONDS);
      return { totalMinutes, isCredited };
    },
  });
}

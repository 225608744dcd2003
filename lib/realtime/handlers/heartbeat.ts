import { pingPayloadSchema } from "../../validation/realtime";
import { defineHandler } from "../define-handler";
import { requireLive } from "../event-gate";
import { heartbeats } from "../heartbeats";
import { enforceLimit } from "../rate-limit";
import { RoomError } from "../room-error";

/** `ping`: the /watch heartbeat. Never broadcast; the rules are in lib/analytics/heartbeat-rules.ts. Its ack waits for its batch. */
export const heartbeatHandlers = [
  defineHandler("ping", {
    schema: pingPayloadSchema,
    async run(_input, socket) {
      const { user, surface, eventId } = socket.data;
      if (surface !== "watch") throw new RoomError("forbidden", "Only the event page (surface \"watch\") sends heartbeats.");
      if (user.role !== "viewer") throw new RoomError("forbidden", "Staff watch time is not counted.");
      await enforceLimit("ping", `${eventId}:${user.id}`);
      await requireLive(socket);
      return heartbeats.recordPing(eventId, user.id);
    },
  }),
];
